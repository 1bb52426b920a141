// A configuration that cannot be used: every problem at once, each as `key.path: what is wrong (got …)`, naming the
// file, so an admin fixes it in one pass. Raised before anything is sent anywhere (the CLI exits 2).
import { TimetableSyncError } from '../model/timetable-sync-error.ts';
import type { ValidationProblem } from '../model/validation-problem.ts';

export type ConfigErrorCode = 'CONFIG_NOT_FOUND' | 'CONFIG_INVALID';

export class ConfigError extends TimetableSyncError {
  declare readonly code: ConfigErrorCode;
  readonly file: string | null;
  readonly problems: readonly ValidationProblem[];

  constructor(code: ConfigErrorCode, file: string | null, problems: readonly ValidationProblem[]) {
    const where = file === null ? 'the configuration' : file;
    const lines = problems.map((problem) => `  - ${problem.path === '' ? '(file)' : problem.path}: ${problem.message}`);
    const header =
      code === 'CONFIG_NOT_FOUND' ? `no configuration file at ${where}` : `invalid configuration in ${where}`;
    super(code, `${header}:\n${lines.join('\n')}`);
    this.file = file;
    this.problems = problems;
  }
}

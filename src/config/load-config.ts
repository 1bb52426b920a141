// Finds and reads `timetable-sync.yaml`: an explicit path (`--config FILE`), else TIMETABLE_SYNC_CONFIG, else
// `timetable-sync.yaml` in the working folder. YAML syntax errors are reported with line and column.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cwd as processCwd, env as processEnv } from 'node:process';
import { parseDocument } from 'yaml';
import type { Config } from './config.ts';
import { ConfigError } from './config-error.ts';
import type { Environment } from './resolve-config.ts';
import { resolveConfig } from './resolve-config.ts';

export const DEFAULT_CONFIG_FILE = 'timetable-sync.yaml';

export interface LoadConfigOptions {
  /** `--config FILE`; wins over the environment. */
  readonly path?: string | undefined;
  /** Defaults to `process.env`. */
  readonly env?: Environment;
  /** Defaults to `process.cwd()`. */
  readonly cwd?: string;
}

/** The file loadConfig would read, and whether the user named it (a missing default file may mean "run the demo"). */
export function configFileLocation(options: LoadConfigOptions = {}): {
  readonly path: string;
  readonly explicit: boolean;
} {
  const env = options.env ?? processEnv;
  const cwd = options.cwd ?? processCwd();
  const named = options.path ?? (env.TIMETABLE_SYNC_CONFIG || undefined);
  return { path: resolve(cwd, named ?? DEFAULT_CONFIG_FILE), explicit: named !== undefined };
}

/** Throws ConfigError (CONFIG_NOT_FOUND or CONFIG_INVALID) listing every problem. */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? processEnv;
  const { path, explicit } = configFileLocation(options);
  if (!existsSync(path)) {
    const hint = explicit ? 'check the path' : `create it, pass --config FILE or set TIMETABLE_SYNC_CONFIG`;
    throw new ConfigError('CONFIG_NOT_FOUND', path, [{ path: '', message: `file not found (${hint})` }]);
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', path, [
      { path: '', message: `cannot read the file (${(error as Error).message})` },
    ]);
  }
  return parseConfigText(text, { file: path, env });
}

/** Parses YAML text as if it were the file `file` (relative paths resolve against its folder). */
export function parseConfigText(text: string, options: { readonly file: string; readonly env: Environment }): Config {
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((error) => {
      const position = error.linePos?.[0];
      const where = position === undefined ? '' : `line ${position.line}, column ${position.col}: `;
      return { path: '', message: `not valid YAML: ${where}${error.message.split('\n')[0]}` };
    });
    throw new ConfigError('CONFIG_INVALID', options.file, problems);
  }
  const raw: unknown = document.toJS();
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    const message =
      raw === null || raw === undefined
        ? 'the file is empty'
        : 'must be a mapping of sections (database, microsoft, source, sync)';
    throw new ConfigError('CONFIG_INVALID', options.file, [{ path: '', message }]);
  }
  return resolveConfig(raw, { file: options.file, baseDir: dirname(options.file), env: options.env });
}

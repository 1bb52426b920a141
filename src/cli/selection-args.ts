// The options every engine command shares: which configuration, which people, dry run.
import { parseArgs } from 'node:util';

export interface SelectionArgs {
  readonly config: string | undefined;
  /** Undefined: everyone (`--all`, also the default). */
  readonly personIds: readonly string[] | undefined;
  readonly dryRun: boolean;
  readonly json: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseSelectionArgs(args: readonly string[], usage: string): SelectionArgs {
  let values: { config?: string; person?: string[]; all?: boolean; 'dry-run'?: boolean; json?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        config: { type: 'string', short: 'c' },
        person: { type: 'string', multiple: true, short: 'p' },
        all: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
      },
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  if (values.all && values.person) throw new UsageError(`--all and --person exclude each other\n${usage}`);
  return {
    config: values.config,
    personIds: values.person?.flatMap((p) => p.split(',')).filter(Boolean),
    dryRun: values['dry-run'] ?? false,
    json: values.json ?? false,
  };
}

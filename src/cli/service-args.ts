// The options `serve` and `worker` share: which configuration, and how many sync jobs at once.
import { parseArgs } from 'node:util';
import { UsageError } from './selection-args.ts';

type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

export interface ServiceArgs {
  readonly values: Record<string, string | boolean | undefined>;
  readonly config: string | undefined;
  /** `--concurrency N` (1–256), undefined when not given. */
  readonly concurrency: number | undefined;
}

export function parseServiceArgs(args: readonly string[], usage: string, extra: OptionSpec): ServiceArgs {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { config: { type: 'string', short: 'c' }, concurrency: { type: 'string' }, ...extra },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${usage}`);
  }
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 256\n${usage}`);
  }
  return { values, config: typeof values.config === 'string' ? values.config : undefined, concurrency };
}

// `timetable-sync worker`: works sync jobs from the queue until SIGTERM or SIGINT, then lets running jobs finish
// (or hands them back after service.shutdownTimeoutSeconds) and exits 0. Run as many as needed, on as many
// machines as needed, against one PostgreSQL database (`database.url` or DATABASE_URL).
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { onShutdownSignals } from '../../service/shutdown-signals.ts';
import { startService } from '../../service/start-service.ts';
import { runCommand } from '../run-command.ts';
import { UsageError } from '../selection-args.ts';

const usage = 'usage: timetable-sync worker [--config FILE] [--concurrency N] [--schedule]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    let values: { config?: string; concurrency?: string; schedule?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          config: { type: 'string', short: 'c' },
          concurrency: { type: 'string' },
          schedule: { type: 'boolean' },
        },
      }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256)) {
      throw new UsageError(`--concurrency must be a whole number from 1 to 256\n${usage}`);
    }
    const config = loadConfig(values.config ? { path: values.config } : {});
    const log = (line: string) => console.log(line);
    const workers = concurrency ?? config.service.workers;
    const service = await startService({
      config,
      workers,
      scheduler: values.schedule ?? false,
      webPort: null,
      name: 'worker',
      log,
    });
    log(
      `worker ${process.pid}: ${workers} job(s) at once on the ${config.database.kind === 'postgres' ? 'PostgreSQL' : 'embedded'} database` +
        `${values.schedule ? ', with the schedules' : ''}; SIGTERM or Ctrl-C to stop`,
    );
    await onShutdownSignals(() => service.stop(), log);
    log(`worker ${process.pid}: stopped`);
    return 0;
  });
}

// `timetable-sync serve`: the web server, the scheduler and workers in one process (the embedded default:
// PGlite in `database.dataDir`). Everyone is synced once at start and then every service.syncIntervalMinutes;
// SIGTERM or SIGINT stops it gracefully (exit 0).
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/index.ts';
import { enqueueSyncAll } from '../../jobs/schedules.ts';
import { onShutdownSignals } from '../../service/shutdown-signals.ts';
import { startService } from '../../service/start-service.ts';
import { runCommand } from '../run-command.ts';
import { UsageError } from '../selection-args.ts';

const usage = 'usage: timetable-sync serve [--config FILE] [--port N] [--concurrency N]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    let values: { config?: string; port?: string; concurrency?: string };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          config: { type: 'string', short: 'c' },
          port: { type: 'string' },
          concurrency: { type: 'string' },
        },
      }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new UsageError(`--port must be a TCP port (0-65535)\n${usage}`);
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
      scheduler: true,
      webPort: port ?? config.web.port,
      name: 'serve',
      log,
    });
    await enqueueSyncAll(service.boss, 'sync', 'schedule');
    log(
      `serve ${process.pid}: ${workers} job(s) at once, everyone synced every ${config.service.syncIntervalMinutes} min ` +
        `and reconciled every ${config.sync.reconcileIntervalHours} h; SIGTERM or Ctrl-C to stop`,
    );
    await onShutdownSignals(() => service.stop(), log);
    log(`serve ${process.pid}: stopped`);
    return 0;
  });
}

// `timetable-sync serve`: the web server, the scheduler and workers in one process (the embedded default:
// PGlite in `database.dataDir`). Everyone is synced once at start and then every service.syncIntervalMinutes;
// SIGTERM or SIGINT stops it gracefully (exit 0).
import { loadConfig } from '../../config/index.ts';
import { enqueueSyncAll } from '../../jobs/schedules.ts';
import { onShutdownSignals } from '../../service/shutdown-signals.ts';
import { startServiceWhenReachable } from '../../service/start-when-reachable.ts';
import { runCommand } from '../run-command.ts';
import { UsageError } from '../selection-args.ts';
import { parseServiceArgs } from '../service-args.ts';

const usage = 'usage: timetable-sync serve [--config FILE] [--port N] [--concurrency N]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { values, config: configPath, concurrency } = parseServiceArgs(args, usage, { port: { type: 'string' } });
    const port = typeof values.port === 'string' ? Number(values.port) : undefined;
    if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
      throw new UsageError(`--port must be a TCP port (0-65535)\n${usage}`);
    }
    const config = loadConfig(configPath ? { path: configPath } : {});
    const log = (line: string) => console.log(line);
    const workers = concurrency ?? config.service.workers;
    const service = await startServiceWhenReachable({
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

// `timetable-sync worker`: works sync jobs from the queue until SIGTERM or SIGINT, then lets running jobs finish
// (or hands them back after service.shutdownTimeoutSeconds) and exits 0. Run as many as needed, on as many
// machines as needed, against one PostgreSQL database (`database.url` or DATABASE_URL).
import { loadConfig } from '../../config/index.ts';
import { onShutdownSignals } from '../../service/shutdown-signals.ts';
import { startServiceWhenReachable } from '../../service/start-when-reachable.ts';
import { runCommand } from '../run-command.ts';
import { parseServiceArgs } from '../service-args.ts';

const usage = 'usage: timetable-sync worker [--config FILE] [--concurrency N] [--schedule]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const {
      values,
      config: configPath,
      concurrency,
    } = parseServiceArgs(args, usage, { schedule: { type: 'boolean' } });
    const config = loadConfig(configPath ? { path: configPath } : {});
    const log = (line: string) => console.log(line);
    const workers = concurrency ?? config.service.workers;
    const service = await startServiceWhenReachable({
      config,
      workers,
      scheduler: values.schedule === true,
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

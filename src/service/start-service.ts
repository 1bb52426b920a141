// One long-running process: the engine, pg-boss on the store's database, and any of workers, the scheduler and
// the web server. `serve` runs all three (the embedded default); `worker` runs workers only, as many processes
// as needed on one PostgreSQL. Stopping hands unfinished jobs back to the queue.
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config/index.ts';
import { openBoss } from '../jobs/open-boss.ts';
import { registerSchedules } from '../jobs/schedules.ts';
import { startWorkers } from '../jobs/start-workers.ts';
import { createEngine, type Engine } from '../sync/engine.ts';
import type { DemoHint } from '../web/demo-accounts.ts';
import { startWebServer, type WebServer } from './web-server.ts';

export interface ServiceOptions {
  readonly config: Config;
  /** Sync jobs this process works on at once; 0 for none. */
  readonly workers: number;
  /** Keep the periodic schedules in the database and send their jobs. */
  readonly scheduler: boolean;
  /** Serve src/web's pages and APIs on this port (0: any free port); null for none. */
  readonly webPort: number | null;
  /** For pg-boss's instance registry and the log. */
  readonly name: string;
  readonly log?: (line: string) => void;
  /** The demo's accounts for the web start page (`timetable-sync demo` only). */
  readonly demo?: DemoHint;
}

export interface RunningService {
  readonly engine: Engine;
  readonly boss: PgBoss;
  readonly web: WebServer | null;
  /**
   * Stops taking work, lets running jobs finish for up to `service.shutdownTimeoutSeconds` (then hands them
   * back: failed with "shut down", retried elsewhere), closes the web server, pg-boss and the database.
   */
  stop(): Promise<void>;
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const maxThrottleWaitMs = config.service.throttleDeferSeconds * 1000;
  // Reads give up on a long Retry-After as writes do, so a throttled mailbox never holds a worker.
  const engine = await createEngine(config, { readRetry: { maxRetryAfterMs: maxThrottleWaitMs } });
  let boss: PgBoss | undefined;
  let web: WebServer | null = null;
  try {
    boss = await openBoss(engine.store, {
      schedule: options.scheduler,
      heartbeatSeconds: config.service.jobHeartbeatSeconds,
      monitorIntervalSeconds: config.service.monitorIntervalSeconds,
      instanceName: options.name,
      maxConnections: Math.min(10, 2 + Math.ceil(options.workers / 4)),
      onError: (error) => log(`jobs: ${error.message}`),
    });
    if (options.scheduler) await registerSchedules(boss, { ...config.service, ...config.sync });
    if (options.workers > 0) {
      await startWorkers(boss, engine, {
        concurrency: options.workers,
        pollingIntervalSeconds: config.service.pollingIntervalSeconds,
        maxThrottleWaitMs,
        log,
      });
    }
    if (options.webPort !== null) {
      const demo = options.demo ? { demo: options.demo } : {};
      web = await startWebServer({ config, engine, boss, port: options.webPort, log, ...demo });
    }
  } catch (error) {
    await web?.close();
    await boss?.stop({ graceful: false });
    await engine.close();
    throw error;
  }
  const started = boss;
  let stopping: Promise<void> | undefined;
  return {
    engine,
    boss: started,
    web,
    stop: () => {
      stopping ??= (async () => {
        await web?.close();
        await started.stop({ graceful: true, timeout: config.service.shutdownTimeoutSeconds * 1000, close: true });
        await engine.close();
      })();
      return stopping;
    },
  };
}

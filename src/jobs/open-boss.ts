// pg-boss on the store's database: through the store's locked PGlite instance for the embedded database (so a
// job statement never lands inside a store transaction), or its own pool on PostgreSQL. Its tables live in a
// schema of their own beside the store's: `pgboss`, or `<schema>_pgboss` when the store has a schema.
import { fromPglite, PgBoss } from 'pg-boss';
import type { StoreDatabase } from '../store/index.ts';
import { ensureQueues, type QueueTimings } from './queues.ts';

export interface OpenBossOptions extends QueueTimings {
  /** Run the cron schedules in this process (pg-boss makes sure one instance sends each occurrence). */
  readonly schedule: boolean;
  /** How often expired jobs and jobs of silent workers are looked for. */
  readonly monitorIntervalSeconds: number;
  /** Shown in pg-boss's instance registry, e.g. `worker` or `serve`. */
  readonly instanceName: string;
  /** PostgreSQL only: connections of pg-boss's own pool (default 4). */
  readonly maxConnections?: number;
  /** Where pg-boss's errors go (it retries its own maintenance, so these are reports, not crashes). */
  readonly onError?: (error: Error) => void;
}

export function bossSchema(storeSchema: string): string {
  return storeSchema === 'public' ? 'pgboss' : `${storeSchema}_pgboss`;
}

/** Starts pg-boss (installing or migrating its schema) and makes sure the service's queues exist. */
export async function openBoss(store: StoreDatabase, options: OpenBossOptions): Promise<PgBoss> {
  const common = {
    schema: bossSchema(store.schema),
    schedule: options.schedule,
    supervise: true,
    superviseIntervalSeconds: options.monitorIntervalSeconds,
    monitorIntervalSeconds: options.monitorIntervalSeconds,
    useListenNotify: true,
    instanceName: options.instanceName,
  };
  const engine = store.engine;
  const boss =
    engine.kind === 'pglite'
      ? new PgBoss({ ...common, db: fromPglite(engine.shared), backend: 'pglite' })
      : new PgBoss({
          ...common,
          connectionString: engine.connectionString,
          max: options.maxConnections ?? 4,
          application_name: `timetable-sync ${options.instanceName}`,
        });
  const onError = options.onError ?? ((error: Error) => console.error(`jobs: ${error.message}`));
  boss.on('error', onError);
  // Warnings (a slow query, a backlog) are worth a log line, not a crash.
  boss.on('warning', (warning) => console.warn(`jobs: ${warning.message}`));
  await boss.start({ attempts: 3 });
  try {
    await ensureQueues(boss, options);
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return boss;
}

// The job layer (pg-boss): queues and their policies, asking for syncs (one job per person at a time), the
// handlers workers run, and the schedules. `src/service` starts it; the push API and sources that report
// changes call `enqueuePersonSync`.
export {
  type Enqueued,
  EnqueueError,
  type EnqueueOptions,
  enqueuePeopleSync,
  enqueuePersonSync,
} from './enqueue-person-sync.ts';
export { bossSchema, type OpenBossOptions, openBoss } from './open-boss.ts';
export type { PruneHistoryResult } from './prune-history-handler.ts';
export { PRUNE_HISTORY_QUEUE, SYNC_ALL_QUEUE, SYNC_PERSON_DEAD_QUEUE, SYNC_PERSON_QUEUE } from './queues.ts';
export { enqueueSyncAll, registerSchedules } from './schedules.ts';
export { startWorkers, type WorkerOptions } from './start-workers.ts';
export type { SyncAllResult } from './sync-all-handler.ts';
export {
  SYNC_JOB_KINDS,
  SYNC_JOB_REASONS,
  type SyncJobKind,
  type SyncJobReason,
  type SyncPersonJob,
} from './sync-job.ts';
export type { SyncJobResult } from './sync-person-handler.ts';

// The periodic runs, as pg-boss schedules on the `sync-all` queue: a sync of everyone every
// `service.syncIntervalMinutes`, a reconcile of everyone every `sync.reconcileIntervalHours`; and the daily prune
// of the run history on `prune-history`. Stored in the database, so every process that schedules agrees, and
// pg-boss sends each occurrence once.
import type { PgBoss } from 'pg-boss';
import { PRUNE_HISTORY_QUEUE, SYNC_ALL_QUEUE } from './queues.ts';
import type { SyncAllJob } from './sync-all-handler.ts';
import type { SyncJobReason } from './sync-job.ts';

export interface ScheduleIntervals {
  readonly syncIntervalMinutes: number;
  readonly reconcileIntervalHours: number;
}

/** A recurrence every `minutes` minutes counted from a fixed start, so every process computes the same times. */
export function everyMinutes(minutes: number): string {
  const interval = Math.max(1, Math.round(minutes));
  return `DTSTART:20000101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=${interval}`;
}

/** Once a day at 03:17 UTC: night in Europe, evening in the Americas, and clear of the hourly syncs at :00. */
export const PRUNE_HISTORY_CRON = '17 3 * * *';

export async function registerSchedules(boss: PgBoss, intervals: ScheduleIntervals): Promise<void> {
  const sync: SyncAllJob = { kind: 'sync' };
  const reconcile: SyncAllJob = { kind: 'reconcile' };
  await boss.schedule(SYNC_ALL_QUEUE, everyMinutes(intervals.syncIntervalMinutes), sync, {
    key: 'sync',
    singletonKey: 'sync',
    tz: 'UTC',
  });
  await boss.schedule(SYNC_ALL_QUEUE, everyMinutes(intervals.reconcileIntervalHours * 60), reconcile, {
    key: 'reconcile',
    singletonKey: 'reconcile',
    tz: 'UTC',
  });
  await boss.schedule(PRUNE_HISTORY_QUEUE, PRUNE_HISTORY_CRON, {}, { key: 'prune-history', tz: 'UTC' });
}

/** Asks for a run over everyone now (an admin's "sync everyone", or `serve` as it starts). */
export async function enqueueSyncAll(
  boss: PgBoss,
  kind: SyncAllJob['kind'],
  reason: SyncJobReason = 'manual',
): Promise<string | null> {
  const job: SyncAllJob = { kind, reason };
  return boss.send(SYNC_ALL_QUEUE, job, { singletonKey: kind });
}

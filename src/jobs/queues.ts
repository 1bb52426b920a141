// The service's queues and their policies. `sync-person` is `stately` with the person id as singleton key: at
// most one job per person is active (no two workers on one mailbox) and at most one more waits behind it (a
// change arriving during a run is synced right after it, and repeated requests do not pile up). Failures retry
// with exponential backoff; a worker that stops heartbeating has its job handed to another; a job out of retries
// is copied to `sync-person-dead` for an admin to see.
import type { PgBoss, Queue } from 'pg-boss';

export const SYNC_PERSON_QUEUE = 'sync-person';
export const SYNC_PERSON_DEAD_QUEUE = 'sync-person-dead';
/** One job per scheduled run over everyone; its handler enqueues one `sync-person` job per person. */
export const SYNC_ALL_QUEUE = 'sync-all';
/** The daily prune of the run history (src/jobs/prune-history-handler.ts). */
export const PRUNE_HISTORY_QUEUE = 'prune-history';

export interface QueueTimings {
  /** A job whose worker has been silent this long is retried elsewhere (pg-boss heartbeats, >= 10). */
  readonly heartbeatSeconds: number;
}

/** Jobs the push API and admins ask for go before scheduled ones. */
export const URGENT_PRIORITY = 10;

type QueueOptions = Omit<Queue, 'name'>;

export function syncPersonQueueOptions(timings: QueueTimings): QueueOptions {
  return {
    policy: 'stately',
    // A person's run does not fail for Graph or source problems (those become the person's status); what is
    // left is the database or a bug: worth a few tries, spaced out.
    retryLimit: 5,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 900,
    // Longer than any run (throttling is rescheduled, not waited out), so a live job is never given away.
    expireInSeconds: 3600,
    heartbeatSeconds: timings.heartbeatSeconds,
    // Finished jobs carry the outcome and the change-to-Outlook latency for the metrics: keep two days.
    deleteAfterSeconds: 2 * 86_400,
    deadLetter: SYNC_PERSON_DEAD_QUEUE,
    notify: true,
  };
}

export function syncAllQueueOptions(timings: QueueTimings): QueueOptions {
  return {
    policy: 'stately',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    expireInSeconds: 900,
    heartbeatSeconds: timings.heartbeatSeconds,
    deleteAfterSeconds: 7 * 86_400,
    notify: true,
  };
}

export function pruneHistoryQueueOptions(timings: QueueTimings): QueueOptions {
  return {
    // One prune at a time, none waiting behind it: a second one would only find what the first left.
    policy: 'exclusive',
    retryLimit: 2,
    retryDelay: 600,
    // A first prune of a long history may take a while; each batch it finished stays done when it is cut off.
    expireInSeconds: 3600,
    heartbeatSeconds: timings.heartbeatSeconds,
    deleteAfterSeconds: 7 * 86_400,
  };
}

/** Creates the queues, or brings an existing queue's options up to date (its policy cannot change). */
export async function ensureQueues(boss: PgBoss, timings: QueueTimings): Promise<void> {
  await ensureQueue(boss, SYNC_PERSON_DEAD_QUEUE, { policy: 'standard', deleteAfterSeconds: 14 * 86_400 });
  await ensureQueue(boss, SYNC_PERSON_QUEUE, syncPersonQueueOptions(timings));
  await ensureQueue(boss, SYNC_ALL_QUEUE, syncAllQueueOptions(timings));
  await ensureQueue(boss, PRUNE_HISTORY_QUEUE, pruneHistoryQueueOptions(timings));
}

async function ensureQueue(boss: PgBoss, name: string, options: QueueOptions): Promise<void> {
  const existing = await boss.getQueue(name);
  if (!existing) {
    await boss.createQueue(name, options);
    return;
  }
  const { policy: _policy, partition: _partition, ...changeable } = options;
  await boss.updateQueue(name, changeable);
}

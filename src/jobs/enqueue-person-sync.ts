// Asking for a person's sync: the push API, sources that report changes, admins and the scheduler all come
// through here. At most one job per person waits in the queue; a request for a person who already has one is
// folded into it (stronger kind, more urgent reason, earliest change), so nothing piles up and nothing is lost.
import type { Db, PgBoss } from 'pg-boss';
import { withPersonLock } from './person-lock.ts';
import { SYNC_PERSON_QUEUE, URGENT_PRIORITY } from './queues.ts';
import {
  carriesChange,
  mergeSyncJobs,
  parseSyncPersonJob,
  type SyncJobKind,
  type SyncJobReason,
  type SyncPersonJob,
} from './sync-job.ts';

export interface EnqueueOptions {
  /** Default `sync`. */
  readonly kind?: SyncJobKind;
  /** Not before this time (a throttled mailbox's Retry-After). A waiting job is never moved earlier by it. */
  readonly startAfter?: Date;
  /**
   * Enqueue inside the caller's transaction (pg-boss's `fromKysely(trx)`), so the job exists exactly when the
   * write that causes it commits. It must be a transaction: the person's enqueue lock lasts until it ends.
   */
  readonly db?: Db;
  /** When the change this request carries happened; default now for push, change and manual requests. */
  readonly changedAt?: Date;
  readonly now?: Date;
}

export interface Enqueued {
  readonly jobId: string;
  /** The person already had a job waiting, which now stands for this request too. */
  readonly merged: boolean;
}

export class EnqueueError extends Error {
  override readonly name = 'EnqueueError';
}

/**
 * How many enqueues one caller runs at once when it queues many people (`runInLanes`): each holds one of pg-boss's
 * few pooled connections for its short transaction, and thousands at once time out waiting for one.
 */
export const ENQUEUES_AT_ONCE = 8;

/** One job per person waits; a dry run (which writes nothing) queues beside it. */
export function singletonKey(personId: string, kind: SyncJobKind): string {
  return kind === 'dry-run' ? `${personId}#dry-run` : personId;
}

export async function enqueuePersonSync(
  boss: PgBoss,
  personId: string,
  reason: SyncJobReason,
  options: EnqueueOptions = {},
): Promise<Enqueued> {
  const now = options.now ?? new Date();
  const changedAt = options.changedAt ?? (carriesChange(reason) ? now : undefined);
  const job: SyncPersonJob = {
    personId,
    kind: options.kind ?? 'sync',
    reason,
    enqueuedAt: now.toISOString(),
    ...(changedAt ? { changedAt: changedAt.toISOString() } : {}),
  };
  const key = singletonKey(personId, job.kind);
  return withPersonLock(boss, key, options.db, (db) => sendOrMerge(boss, db, key, job, options.startAfter));
}

async function sendOrMerge(
  boss: PgBoss,
  db: Db | undefined,
  key: string,
  job: SyncPersonJob,
  startAfter: Date | undefined,
): Promise<Enqueued> {
  // A few rounds at most: the waiting job can start between our statements, which frees the place behind it.
  for (let round = 0; round < 4; round++) {
    const jobId = await boss.send(SYNC_PERSON_QUEUE, job, {
      singletonKey: key,
      priority: priorityOf(job),
      ...(startAfter ? { startAfter } : {}),
      ...(db ? { db } : {}),
    });
    if (jobId) return { jobId, merged: false };
    const waiting = await boss.findJobs<unknown>(SYNC_PERSON_QUEUE, { key, queued: true, ...(db ? { db } : {}) });
    // The insert conflicted with the one job in state `created` (a job in `retry` may wait beside it).
    const queued = waiting.find((candidate) => candidate.state === 'created');
    if (!queued) continue;
    const merged = mergeSyncJobs(parseSyncPersonJob(queued.data), job);
    const later = startAfter && startAfter > queued.startAfter ? { startAfter } : {};
    const update = await boss.update(SYNC_PERSON_QUEUE, merged, {
      id: queued.id,
      priority: Math.max(queued.priority, priorityOf(merged)),
      ...later,
      ...(db ? { db } : {}),
    });
    if (update.updated === 1) return { jobId: queued.id, merged: true };
  }
  throw new EnqueueError(`could not queue a sync of ${job.personId}: its queued job kept changing under us`);
}

/**
 * Queues one job per person in a few statements (the scheduled run over everyone). People who already have a
 * job waiting keep it, made as strong as `kind` (a waiting sync becomes a reconcile). Resolves with how many new
 * jobs were queued.
 */
export async function enqueuePeopleSync(
  boss: PgBoss,
  personIds: readonly string[],
  kind: Exclude<SyncJobKind, 'dry-run'>,
  reason: SyncJobReason,
  options: { readonly now?: Date; readonly db?: Db } = {},
): Promise<number> {
  const enqueuedAt = (options.now ?? new Date()).toISOString();
  let queued = 0;
  for (let start = 0; start < personIds.length; start += 500) {
    const jobs = personIds.slice(start, start + 500).map((personId) => {
      const data: SyncPersonJob = { personId, kind, reason, enqueuedAt };
      return { data, singletonKey: singletonKey(personId, kind), priority: priorityOf(data) };
    });
    const ids = await boss.insert(SYNC_PERSON_QUEUE, jobs, {
      returnId: true,
      ...(options.db ? { db: options.db } : {}),
    });
    queued += ids?.length ?? 0;
  }
  // Whoever already has a plain sync waiting keeps that job, so it must become the reconcile (or reset) asked
  // for: else the scheduled reconcile skips exactly the people whose calendars are changing (found by the chaos
  // run: owners' edits and deletions stayed until the next day's reconcile).
  if (kind !== 'sync' && queued < personIds.length) {
    const wanted = new Set(personIds);
    const weaker = await boss.findJobs<SyncPersonJob>(SYNC_PERSON_QUEUE, {
      data: { kind: 'sync' },
      queued: true,
      limit: 100_000,
      ...(options.db ? { db: options.db } : {}),
    });
    for (const job of weaker) {
      if (job.state !== 'created' || !wanted.has(job.data.personId)) continue;
      await enqueuePersonSync(boss, job.data.personId, reason, {
        kind,
        ...(options.now ? { now: options.now } : {}),
        ...(options.db ? { db: options.db } : {}),
      });
    }
  }
  return queued;
}

/** Someone waits for a change to show up in Outlook: those jobs go before the periodic ones. */
function priorityOf(job: SyncPersonJob): number {
  return job.changedAt === undefined ? 0 : URGENT_PRIORITY;
}

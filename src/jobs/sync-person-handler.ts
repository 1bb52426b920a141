// Works one `sync-person` job: makes sure the person is recorded, runs their job (src/sync/person-job.ts: a sync
// with a reconcile when one is due, a reconcile, a reset; or a dry run), logs one line, and, when Graph throttled
// the mailbox for longer than a worker should wait, queues the rest for after the Retry-After instead of holding
// the worker. A person's Graph or source failure is their status, not a job failure; what throws here (the
// database, a bug) fails the job and pg-boss retries it with backoff.
import type { PgBoss } from 'pg-boss';
import { getPerson } from '../store/index.ts';
import { lastReconciledAt } from '../store/reconcile-time.repository.ts';
import type { Engine } from '../sync/engine.ts';
import { runPersonJob } from '../sync/person-job.ts';
import type { OutcomeCounts, OutcomeStatus, PersonOutcome } from '../sync/person-outcome.ts';
import { SelectionError, selectPeople } from '../sync/sync-people.ts';
import { syncPerson } from '../sync/sync-person.ts';
import { enqueuePersonSync } from './enqueue-person-sync.ts';
import { formatJobLine } from './job-line.ts';
import { parseSyncPersonJob, type SyncPersonJob } from './sync-job.ts';

export interface SyncJobContext {
  readonly engine: Engine;
  readonly boss: PgBoss;
  /** A write's Retry-After longer than this ends the run; the person is queued again for after it. */
  readonly maxThrottleWaitMs: number;
  readonly log: (line: string) => void;
}

/** What the job leaves in pg-boss's `output` (read by the metrics and the admin pages). */
export interface SyncJobResult {
  readonly personId: string;
  readonly status: OutcomeStatus | 'skipped';
  readonly counts: OutcomeCounts | null;
  readonly reason: string | null;
  readonly code: string | null;
  readonly durationMs: number;
  /** From the oldest change this job carried to the moment its writes were done. */
  readonly changeToOutlookMs: number | null;
  /** Throttled: the follow-up job and when it may start. */
  readonly followUp: { readonly jobId: string; readonly startAfter: string } | null;
}

export async function runSyncPersonJob(
  context: SyncJobContext,
  job: { readonly id: string; readonly data: unknown },
): Promise<SyncJobResult> {
  const started = Date.now();
  const data = parseSyncPersonJob(job.data);
  const { engine } = context;
  const outcome = (await isRecorded(engine, data.personId)) ? await run(context, data) : 'unknown-person';
  if (typeof outcome === 'string') {
    const reason =
      outcome === 'unknown-person'
        ? `not in ${engine.source.description} nor in the database`
        : `${outcome.replace('-', ' ')}: nothing is synced until they sign in again`;
    context.log(`sync-person ${data.personId} ${data.kind}/${data.reason}: skipped — ${reason}`);
    return {
      personId: data.personId,
      status: 'skipped',
      counts: null,
      reason,
      code: outcome.toUpperCase().replace('-', '_'),
      durationMs: Date.now() - started,
      changeToOutlookMs: null,
      followUp: null,
    };
  }
  const followUp = outcome.throttledUntil ? await queueFollowUp(context.boss, data, outcome.throttledUntil) : null;
  const finished = Date.now();
  const wrote = outcome.status === 'succeeded' || (outcome.status === 'partial' && !followUp);
  const result: SyncJobResult = {
    personId: data.personId,
    status: outcome.status,
    counts: outcome.counts,
    reason: outcome.reason,
    code: outcome.code,
    durationMs: finished - started,
    changeToOutlookMs: wrote && data.changedAt ? finished - Date.parse(data.changedAt) : null,
    followUp,
  };
  context.log(formatJobLine(data, outcome, result));
  return result;
}

/** The person's run, or why there was none. */
async function run(context: SyncJobContext, data: SyncPersonJob): Promise<PersonOutcome | string> {
  const { engine, maxThrottleWaitMs } = context;
  if (data.kind === 'dry-run') {
    const person = await getPerson(engine.store.db, data.personId);
    return person ? syncPerson(engine, person, { kind: 'dry-run', maxThrottleWaitMs }) : 'unknown-person';
  }
  const reconcileDue = data.kind === 'sync' && (await isReconcileDue(engine, data.personId));
  const result = await runPersonJob(engine, data.personId, data.kind, { reconcileDue, maxThrottleWaitMs });
  return result.outcome ?? result.skipped ?? 'unknown-person';
}

/** Whether the store knows the person; one the scheduler has not recorded yet is looked up in the source. */
async function isRecorded(engine: Engine, personId: string): Promise<boolean> {
  if (await getPerson(engine.store.db, personId)) return true;
  try {
    return (await selectPeople(engine, [personId])).length === 1;
  } catch (error) {
    if (error instanceof SelectionError) return false;
    throw error;
  }
}

async function isReconcileDue(engine: Engine, personId: string): Promise<boolean> {
  const last = (await lastReconciledAt(engine.store.db, personId)).get(personId);
  const intervalMs = engine.config.sync.reconcileIntervalHours * 3_600_000;
  return last === undefined || Date.now() - Date.parse(last) >= intervalMs;
}

/** The same request again after the Retry-After, carrying the change it has not delivered yet. */
async function queueFollowUp(
  boss: PgBoss,
  data: SyncPersonJob,
  throttledUntil: string,
): Promise<{ jobId: string; startAfter: string }> {
  const { jobId } = await enqueuePersonSync(boss, data.personId, 'retry', {
    kind: data.kind,
    startAfter: new Date(throttledUntil),
    ...(data.changedAt ? { changedAt: new Date(data.changedAt) } : {}),
  });
  return { jobId, startAfter: throttledUntil };
}

// What a `sync-person` job carries: whom to sync, how (sync, reconcile or dry run), why, and when it was asked for
// (so the latency from a timetable change to the Outlook write can be measured).
import { z } from 'zod';
import { PERSON_JOB_KINDS } from '../sync/person-job.ts';

/** A person job's kinds (sync, reconcile, reset: see src/sync/person-job.ts), and a dry run (plans, writes nothing). */
export const SYNC_JOB_KINDS = [...PERSON_JOB_KINDS, 'dry-run'] as const;
export type SyncJobKind = (typeof SYNC_JOB_KINDS)[number];

/**
 * `schedule`: the periodic run; `push`: the push API stored a new timetable; `change`: a source reported a change;
 * `manual`: an admin or the person asked; `retry`: the follow-up of a run that Graph throttled.
 */
export const SYNC_JOB_REASONS = ['schedule', 'push', 'change', 'manual', 'retry'] as const;
export type SyncJobReason = (typeof SYNC_JOB_REASONS)[number];

export interface SyncPersonJob {
  readonly personId: string;
  readonly kind: SyncJobKind;
  readonly reason: SyncJobReason;
  /** When the first request this job stands for was made (ISO). */
  readonly enqueuedAt: string;
  /** When the oldest timetable change this job carries to Outlook was reported (ISO); absent for plain runs. */
  readonly changedAt?: string;
}

const iso = z.iso.datetime({ offset: true });

const syncPersonJob = z.strictObject({
  personId: z.string().min(1),
  kind: z.enum(SYNC_JOB_KINDS),
  reason: z.enum(SYNC_JOB_REASONS),
  enqueuedAt: iso,
  changedAt: iso.optional(),
});

export class JobDataError extends Error {
  override readonly name = 'JobDataError';
}

/** Checks a job's data (it crossed a database and maybe a version boundary). */
export function parseSyncPersonJob(data: unknown): SyncPersonJob {
  const parsed = syncPersonJob.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(data)'}: ${issue.message}`);
    throw new JobDataError(`not a sync-person job: ${problems.join('; ')}`);
  }
  const { changedAt, ...rest } = parsed.data;
  return changedAt === undefined ? rest : { ...rest, changedAt };
}

/** Reasons that carry a change someone waits for: their jobs go first, and `changedAt` is kept. */
export function carriesChange(reason: SyncJobReason): boolean {
  return reason === 'push' || reason === 'change' || reason === 'manual';
}

// A reconcile also syncs; a reset is a reconcile that also restores what the person deleted or edited.
const kindStrength: Readonly<Record<SyncJobKind, number>> = { 'dry-run': 0, sync: 1, reconcile: 2, reset: 3 };
const reasonStrength: Readonly<Record<SyncJobReason, number>> = {
  schedule: 0,
  retry: 1,
  change: 2,
  push: 3,
  manual: 4,
};

/**
 * One queued job standing for two requests: the stronger kind (a reconcile also syncs), the more urgent
 * reason, the earlier request and the earlier change.
 */
export function mergeSyncJobs(queued: SyncPersonJob, next: SyncPersonJob): SyncPersonJob {
  const changedAt = earliest(queued.changedAt, next.changedAt);
  return {
    personId: queued.personId,
    kind: kindStrength[next.kind] > kindStrength[queued.kind] ? next.kind : queued.kind,
    reason: reasonStrength[next.reason] > reasonStrength[queued.reason] ? next.reason : queued.reason,
    enqueuedAt: earliest(queued.enqueuedAt, next.enqueuedAt) ?? queued.enqueuedAt,
    ...(changedAt === undefined ? {} : { changedAt }),
  };
}

function earliest(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

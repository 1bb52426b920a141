import { describe, expect, it } from 'vitest';
import { JobDataError, mergeSyncJobs, parseSyncPersonJob, type SyncPersonJob } from './sync-job.ts';

const job = (fields: Partial<SyncPersonJob>): SyncPersonJob => ({
  personId: 'p1',
  kind: 'sync',
  reason: 'schedule',
  enqueuedAt: '2026-12-01T10:00:00.000Z',
  ...fields,
});

describe('sync-person job data', () => {
  it('folds a second request into a waiting job: stronger kind, more urgent reason, earliest times', () => {
    const waiting = job({ enqueuedAt: '2026-12-01T10:00:00.000Z' });
    const push = job({ reason: 'push', enqueuedAt: '2026-12-01T10:05:00.000Z', changedAt: '2026-12-01T10:05:00.000Z' });
    expect(mergeSyncJobs(waiting, push)).toEqual({
      personId: 'p1',
      kind: 'sync',
      reason: 'push',
      enqueuedAt: '2026-12-01T10:00:00.000Z',
      changedAt: '2026-12-01T10:05:00.000Z',
    });
    const reset = job({ kind: 'reset', reason: 'manual', enqueuedAt: '2026-12-01T10:06:00.000Z' });
    expect(mergeSyncJobs(mergeSyncJobs(waiting, push), reset)).toMatchObject({ kind: 'reset', reason: 'manual' });
    // A weaker request changes nothing but keeps the earliest change.
    const earlier = job({ reason: 'change', changedAt: '2026-12-01T09:59:00.000Z' });
    expect(mergeSyncJobs(job({ kind: 'reconcile', reason: 'manual' }), earlier)).toEqual({
      ...job({ kind: 'reconcile', reason: 'manual' }),
      changedAt: '2026-12-01T09:59:00.000Z',
    });
  });

  it('refuses data that is not a sync-person job, naming the field', () => {
    expect(parseSyncPersonJob(job({ changedAt: '2026-12-01T10:05:00.000Z' }))).toMatchObject({ personId: 'p1' });
    expect(() => parseSyncPersonJob({ ...job({}), kind: 'purge' })).toThrow(JobDataError);
    expect(() => parseSyncPersonJob({ ...job({}), enqueuedAt: 'yesterday' })).toThrow(/enqueuedAt/);
  });
});

// The daily prune of the run history, on both databases: exactly the runs due go (old ones, unchanged ones after
// two days), never the ones a person or a held plan still needs, in batches; and what it removes still counts.
import { expect, it } from 'vitest';
import { appendGraphWrites, listGraphWrites } from '../../src/store/graph-write.repository.ts';
import type { GraphWriteAction } from '../../src/store/graph-write.table.ts';
import { holdPlan, resolvePlan } from '../../src/store/held-plan.repository.ts';
import { pruneHistory } from '../../src/store/history-retention.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { StoreError } from '../../src/store/store-error.ts';
import { finishRun, startRun } from '../../src/store/sync-run.repository.ts';
import { NO_COUNTS, type RunCounts, type RunKind, type RunOutcome } from '../../src/store/sync-run.table.ts';
import { serviceStats } from '../../src/web/api/service-stats.ts';
import { describeEachDialect, useStore } from './dialects.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const summary = { current: 100, creates: 0, updates: 0, deletes: 80 };

describeEachDialect('pruning the run history', (dialect) => {
  const store = useStore(dialect);
  const now = new Date();
  const cutoffs = { before: new Date(now.getTime() - 30 * DAY), unchangedBefore: new Date(now.getTime() - 48 * HOUR) };

  interface Seed {
    readonly kind?: RunKind;
    /** Undefined: the run never finished. */
    readonly outcome?: RunOutcome;
    readonly counts?: Partial<RunCounts>;
    /** How long ago it finished (or, unfinished, started). */
    readonly ageMs: number;
    /** Graph writes recorded for it: how many creates that got a 201, or each one's action and status. */
    readonly writes?: number | readonly { readonly action: GraphWriteAction; readonly status: number | null }[];
  }

  async function seedRun(personId: string, seed: Seed): Promise<string> {
    const { db } = store();
    await upsertPeople(db, [{ id: personId, mailbox: `${personId}@uni.example`, authMode: 'application' }]);
    const run = await startRun(db, { personId, kind: seed.kind ?? 'sync' });
    const finishedAt = new Date(now.getTime() - seed.ageMs);
    const startedAt = new Date(finishedAt.getTime() - 60_000);
    if (seed.outcome !== undefined) {
      await finishRun(db, run.id, { outcome: seed.outcome, counts: { ...NO_COUNTS, ...seed.counts } });
    }
    await db
      .updateTable('syncRun')
      .set(seed.outcome === undefined ? { startedAt: finishedAt } : { startedAt, finishedAt })
      .where('id', '=', run.id)
      .execute();
    const writes =
      typeof seed.writes === 'object'
        ? seed.writes
        : Array.from({ length: seed.writes ?? 0 }, () => ({ action: 'create' as const, status: 201 }));
    await appendGraphWrites(
      db,
      writes.map((write, i) => ({
        runId: run.id,
        personId,
        action: write.action,
        sourceKey: `k${i}`,
        graphId: write.status === null ? null : `g${i}`,
        status: write.status,
        errorCode: write.status === null ? 'network_error' : null,
        at: startedAt.toISOString(),
      })),
    );
    return run.id;
  }

  async function runIds(): Promise<Set<string>> {
    return new Set((await store().db.selectFrom('syncRun').select('id').execute()).map((row) => row.id));
  }

  async function writeRunIds(): Promise<Set<string>> {
    return new Set((await store().db.selectFrom('graphWrite').select('runId').execute()).map((row) => row.runId));
  }

  async function prunedTotals() {
    const { db } = store();
    return {
      runs: await db.selectFrom('prunedRunTotal').selectAll().orderBy('kind').orderBy('outcome').execute(),
      writes: await db.selectFrom('prunedWriteTotal').selectAll().orderBy('action').orderBy('status').execute(),
    };
  }

  /** /metrics's counters (the queue's figures aside: these stores have no queue). */
  async function counters() {
    const { runs, writes, graphRequests, throttled } = await serviceStats(store().db, store().schema);
    return { runs, writes, graphRequests, throttled };
  }

  it('removes old runs and unchanged ones sooner, with their writes, and keeps what an admin still needs', async () => {
    const { db } = store();
    const changed = { created: 2, updated: 1 };
    const gone = {
      oldWithWrites: await seedRun('s1', {
        outcome: 'succeeded',
        counts: { ...changed, graphRequests: 5, throttled: 1 },
        ageMs: 40 * DAY,
        writes: [
          { action: 'create', status: 201 },
          { action: 'create', status: 201 },
          { action: 'update', status: 429 },
        ],
      }),
      oldFailed: await seedRun('s1', {
        outcome: 'failed',
        counts: { graphRequests: 3, throttled: 2 },
        ageMs: 31 * DAY,
        writes: [{ action: 'delete', status: null }],
      }),
      unchanged: await seedRun('s1', {
        outcome: 'succeeded',
        counts: { unchanged: 30, graphRequests: 1 },
        ageMs: 3 * DAY,
      }),
      olderReconcile: await seedRun('s1', {
        kind: 'reconcile',
        outcome: 'succeeded',
        counts: { graphRequests: 12 },
        ageMs: 40 * DAY,
      }),
      superseded: await seedRun('s1', { outcome: 'held', counts: { graphRequests: 1 }, ageMs: 35 * DAY }),
      s2Older: await seedRun('s2', {
        outcome: 'succeeded',
        counts: { ...changed, graphRequests: 2 },
        ageMs: 100 * DAY,
        writes: 2,
      }),
    };
    const kept = {
      recentChanged: await seedRun('s1', { outcome: 'succeeded', counts: { deleted: 1 }, ageMs: 10 * DAY, writes: 1 }),
      recentFailed: await seedRun('s1', { outcome: 'failed', ageMs: 3 * DAY }),
      unchangedWithAWrite: await seedRun('s1', { outcome: 'succeeded', ageMs: 3 * DAY, writes: 1 }),
      adopting: await seedRun('s1', { kind: 'reconcile', outcome: 'partial', counts: { adopted: 4 }, ageMs: 4 * DAY }),
      lastReconcile: await seedRun('s1', { kind: 'reconcile', outcome: 'succeeded', ageMs: 3 * DAY }),
      openPlan: await seedRun('s1', { outcome: 'held', ageMs: 60 * DAY }),
      approvedPlan: await seedRun('s1', { outcome: 'held', ageMs: 50 * DAY }),
      unfinished: await seedRun('s1', { ageMs: 45 * DAY }),
      unchangedRecent: await seedRun('s1', { outcome: 'succeeded', counts: { unchanged: 30 }, ageMs: 47 * HOUR }),
      latest: await seedRun('s1', { outcome: 'succeeded', counts: { unchanged: 30 }, ageMs: 1 * HOUR }),
      // s2 has not synced for 90 days; s3's last run never finished: their latest finished run stays.
      s2Latest: await seedRun('s2', { outcome: 'succeeded', ageMs: 90 * DAY }),
      s3LatestFinished: await seedRun('s3', { outcome: 'failed', ageMs: 80 * DAY, writes: 1 }),
      s3Running: await seedRun('s3', { ageMs: 0 }),
    };
    await holdPlan(db, { personId: 's1', runId: gone.superseded, reason: 'delete_share_exceeded', summary });
    const decided = await holdPlan(db, {
      personId: 's1',
      runId: kept.approvedPlan,
      reason: 'delete_share_exceeded',
      summary,
    });
    await resolvePlan(db, decided.id, { resolution: 'approved', by: 'admin@uni.example' });
    await holdPlan(db, { personId: 's1', runId: kept.openPlan, reason: 'delete_share_exceeded', summary });
    const countersBefore = await counters();

    const pruned = await pruneHistory(db, cutoffs);

    expect(pruned).toEqual({ runs: Object.keys(gone).length, writes: 3 + 1 + 2, complete: true });
    expect([...(await runIds())].sort()).toEqual(Object.values(kept).sort());
    expect([...(await writeRunIds())].sort()).toEqual(
      [kept.recentChanged, kept.unchangedWithAWrite, kept.s3LatestFinished].sort(),
    );
    const plans = await db.selectFrom('heldPlan').select(['runId', 'resolution']).orderBy('createdAt').execute();
    expect(plans).toEqual([
      { runId: kept.approvedPlan, resolution: 'approved' },
      { runId: kept.openPlan, resolution: null },
    ]);
    // What went is in the totals, by the labels of /metrics, and the counters read the same as before.
    const totals = {
      runs: [
        { kind: 'reconcile', outcome: 'succeeded', runs: 1, graphRequests: 12, throttled: 0 },
        { kind: 'sync', outcome: 'failed', runs: 1, graphRequests: 3, throttled: 2 },
        { kind: 'sync', outcome: 'held', runs: 1, graphRequests: 1, throttled: 0 },
        { kind: 'sync', outcome: 'succeeded', runs: 3, graphRequests: 5 + 1 + 2, throttled: 1 },
      ],
      writes: [
        { action: 'create', status: '201', writes: 2 + 2 },
        { action: 'delete', status: 'none', writes: 1 },
        { action: 'update', status: '429', writes: 1 },
      ],
    };
    expect(await prunedTotals()).toEqual(totals);
    expect(await counters()).toEqual(countersBefore);
    // A second prune finds nothing more to do, and adds nothing.
    expect(await pruneHistory(db, cutoffs)).toEqual({ runs: 0, writes: 0, complete: true });
    expect(await prunedTotals()).toEqual(totals);
  });

  it('deletes in batches until nothing due is left', async () => {
    const { db } = store();
    const counts = { created: 2, graphRequests: 3, throttled: 1 };
    for (let i = 0; i < 5; i++) {
      await seedRun('s1', { outcome: 'succeeded', counts, ageMs: (40 + i) * DAY, writes: 2 });
    }
    for (let i = 0; i < 4; i++) await seedRun('s2', { outcome: 'succeeded', ageMs: (40 + i) * DAY });
    const latest = [
      await seedRun('s1', { outcome: 'succeeded', ageMs: HOUR }),
      await seedRun('s2', { outcome: 'succeeded', ageMs: HOUR }),
    ];
    const countersBefore = await counters();

    expect(await pruneHistory(db, { ...cutoffs, batchSize: 2 })).toEqual({ runs: 9, writes: 10, complete: true });
    expect([...(await runIds())].sort()).toEqual(latest.sort());
    expect(await listGraphWrites(db, { personId: 's1' })).toEqual([]);
    // Each batch added to the same totals.
    expect(await prunedTotals()).toEqual({
      runs: [{ kind: 'sync', outcome: 'succeeded', runs: 9, graphRequests: 5 * 3, throttled: 5 }],
      writes: [{ action: 'create', status: '201', writes: 10 }],
    });
    expect(await counters()).toEqual(countersBefore);
  });

  it('stops between batches when asked to, and leaves the rest for the next prune', async () => {
    const { db } = store();
    for (let i = 0; i < 3; i++) await seedRun('s1', { outcome: 'succeeded', ageMs: (40 + i) * DAY });
    const stop = new AbortController();
    stop.abort();
    expect(await pruneHistory(db, { ...cutoffs, signal: stop.signal })).toEqual({
      runs: 0,
      writes: 0,
      complete: false,
    });
    expect(await runIds()).toHaveProperty('size', 3);
    expect(await pruneHistory(db, cutoffs)).toMatchObject({ runs: 2, complete: true });
  });

  it('refuses a batch size that deletes nothing', async () => {
    await expect(pruneHistory(store().db, { ...cutoffs, batchSize: 0 })).rejects.toThrow(StoreError);
  });
});

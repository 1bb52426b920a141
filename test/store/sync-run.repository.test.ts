import { expect, it } from 'vitest';
import { appendGraphWrites, type GraphWriteInput, listGraphWrites } from '../../src/store/graph-write.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { finishRun, getRun, listRuns, startRun } from '../../src/store/sync-run.repository.ts';
import { NO_COUNTS } from '../../src/store/sync-run.table.ts';
import { describeEachDialect, useStore } from './dialects.ts';

describeEachDialect('runs and the audit log of Graph writes', (dialect) => {
  const store = useStore(dialect);
  const people = () =>
    upsertPeople(store().db, [
      { id: 's1', mailbox: 's1@uni.example', authMode: 'application' },
      { id: 's2', mailbox: 's2@uni.example', authMode: 'application' },
    ]);

  it('starts a run with zero counts and no outcome, then finishes it with counts and an outcome', async () => {
    await people();
    const { db } = store();
    const run = await startRun(db, { personId: 's1', kind: 'sync' });
    expect(run).toMatchObject({ personId: 's1', kind: 'sync', finishedAt: null, outcome: null, counts: NO_COUNTS });
    expect(run.id).toMatch(/^[0-9a-f-]{36}$/);

    const counts = { ...NO_COUNTS, created: 12, updated: 3, failed: 1, graphRequests: 2, throttled: 4 };
    const finished = await finishRun(db, run.id, {
      outcome: 'partial',
      counts,
      error: 'one event could not be created',
      errorCode: 'ErrorInvalidRequest',
    });
    expect(finished).toMatchObject({ id: run.id, outcome: 'partial', counts, errorCode: 'ErrorInvalidRequest' });
    expect(finished?.finishedAt).not.toBeNull();
    expect(Date.parse(finished?.finishedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(run.startedAt));
    expect(await getRun(db, run.id)).toEqual(finished);
  });

  it('finds no run that does not exist', async () => {
    const { db } = store();
    const missing = '00000000-0000-4000-8000-000000000000';
    expect(await getRun(db, missing)).toBeUndefined();
    expect(await finishRun(db, missing, { outcome: 'succeeded', counts: NO_COUNTS })).toBeUndefined();
  });

  it('lists the runs of one person, newest first', async () => {
    await people();
    const { db } = store();
    const first = await startRun(db, { personId: 's1', kind: 'sync' });
    const second = await startRun(db, { personId: 's1', kind: 'reconcile' });
    await startRun(db, { personId: 's2', kind: 'purge' });
    await db.updateTable('syncRun').set({ startedAt: '2026-11-01T00:00:00Z' }).where('id', '=', first.id).execute();
    const runs = await listRuns(db, 's1');
    expect(runs.map((run) => run.id)).toEqual([second.id, first.id]);
    expect(await listRuns(db, 's1', { limit: 1 })).toHaveLength(1);
  });

  it('knows the kinds of run and outcomes, and nothing else', async () => {
    await people();
    const { db } = store();
    for (const kind of ['sync', 'reconcile', 'purge', 'dry_run'] as const) {
      await startRun(db, { personId: 's1', kind });
    }
    // @ts-expect-error: not a RunKind
    await expect(startRun(db, { personId: 's1', kind: 'nap' })).rejects.toThrow(/check constraint/);
    await expect(startRun(db, { personId: 'nobody', kind: 'sync' })).rejects.toThrow(/foreign key/);
  });

  it('appends audit rows in bulk and lists them per run and per person, newest first', async () => {
    await people();
    const { db } = store();
    const run = await startRun(db, { personId: 's1', kind: 'sync' });
    const other = await startRun(db, { personId: 's2', kind: 'sync' });
    const write = (overrides: Partial<GraphWriteInput>): GraphWriteInput => ({
      runId: run.id,
      personId: 's1',
      action: 'create',
      sourceKey: 'k1',
      graphId: 'AAMkAG-1',
      status: 201,
      errorCode: null,
      ...overrides,
    });
    await appendGraphWrites(db, [
      write({ sourceKey: 'k1', at: '2026-12-01T08:00:00+01:00' }),
      write({ sourceKey: 'k2', graphId: null, status: 429, errorCode: 'ApplicationThrottled' }),
      write({ sourceKey: 'k2', graphId: 'AAMkAG-2', status: 201 }),
      write({ action: 'delete', sourceKey: null, graphId: 'AAMkAG-dup', status: 204 }),
      write({ action: 'update', sourceKey: 'k3', graphId: 'AAMkAG-3', status: null, errorCode: 'ECONNRESET' }),
      write({ runId: other.id, personId: 's2', sourceKey: 'x' }),
    ]);
    await appendGraphWrites(db, []);

    const ofRun = await listGraphWrites(db, { runId: run.id });
    expect(ofRun.map((row) => [row.action, row.sourceKey, row.status, row.errorCode])).toEqual([
      ['update', 'k3', null, 'ECONNRESET'],
      ['delete', null, 204, null],
      ['create', 'k2', 201, null],
      ['create', 'k2', 429, 'ApplicationThrottled'],
      ['create', 'k1', 201, null],
    ]);
    expect(ofRun.at(-1)?.at).toBe('2026-12-01T07:00:00.000Z');
    expect((await listGraphWrites(db, { personId: 's2' })).map((row) => row.sourceKey)).toEqual(['x']);

    const page = await listGraphWrites(db, { personId: 's1', limit: 2 });
    expect(page.map((row) => row.sourceKey)).toEqual(['k3', null]);
    const next = await listGraphWrites(db, { personId: 's1', limit: 2, beforeId: page.at(-1)?.id ?? 0 });
    expect(next.map((row) => row.sourceKey)).toEqual(['k2', 'k2']);
    expect(typeof next[0]?.id).toBe('number');
  });

  it('appends more audit rows than one statement carries', async () => {
    await people();
    const { db } = store();
    const run = await startRun(db, { personId: 's1', kind: 'purge' });
    const writes = Array.from({ length: 9_000 }, (_, i) => ({
      runId: run.id,
      personId: 's1',
      action: 'delete' as const,
      sourceKey: `k${i}`,
      graphId: `g${i}`,
      status: 204,
      errorCode: null,
    }));
    await appendGraphWrites(db, writes);
    expect(await listGraphWrites(db, { runId: run.id, limit: 10_000 })).toHaveLength(9_000);
  });
});

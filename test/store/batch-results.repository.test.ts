// Recording a `$batch`'s results in one statement: the state and the audit log change together, whatever the mix.
import { describe, expect, it } from 'vitest';
import type { EventState } from '../../src/model/event-state.ts';
import { recordBatchResults } from '../../src/store/batch-results.repository.ts';
import { applyEventStateChanges, loadEventStates } from '../../src/store/event-state.repository.ts';
import { listGraphWrites } from '../../src/store/graph-write.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { startRun } from '../../src/store/sync-run.repository.ts';
import { describeEachDialect, useStore } from './dialects.ts';

function state(sourceKey: string, overrides: Partial<EventState> = {}): EventState {
  return {
    sourceKey,
    graphId: `AAMkAG-${sourceKey}`,
    contentHash: `hash-${sourceKey}`,
    changeKey: `ck-${sourceKey}`,
    startUtc: '2026-12-01T08:00:00.000Z',
    endUtc: '2026-12-01T09:45:00.000Z',
    userDeletedHash: null,
    lastSyncedAt: '2026-11-30T12:00:00.000Z',
    ...overrides,
  };
}

describeEachDialect('batch results', (dialect) => {
  const store = useStore(dialect);
  const setUp = async () => {
    const { db } = store();
    await upsertPeople(db, [{ id: 's1', mailbox: 's1@uni.example', authMode: 'application' }]);
    const run = await startRun(db, { personId: 's1', kind: 'sync' });
    const write = (sourceKey: string, action: 'create' | 'update' | 'delete') => ({
      runId: run.id,
      personId: 's1',
      action,
      sourceKey,
      graphId: `AAMkAG-${sourceKey}`,
      status: action === 'create' ? 201 : action === 'update' ? 200 : 204,
      errorCode: null,
    });
    return { db, run, write };
  };

  it('records creates, updates, deletes and a user deletion with their audit rows', async () => {
    const { db, run, write } = await setUp();
    await applyEventStateChanges(db, 's1', [
      { kind: 'upsert', state: state('old') },
      { kind: 'upsert', state: state('gone') },
      { kind: 'upsert', state: state('mine') },
    ]);
    await recordBatchResults(
      db,
      's1',
      [
        { kind: 'upsert', state: state('new') },
        { kind: 'upsert', state: state('old', { contentHash: 'h2' }) },
        { kind: 'delete', sourceKey: 'gone' },
        { kind: 'userDeleted', sourceKey: 'mine' },
      ],
      [write('new', 'create'), write('old', 'update'), write('gone', 'delete')],
    );
    expect(await loadEventStates(db, 's1')).toEqual([
      state('mine', { userDeletedHash: 'hash-mine' }),
      state('new'),
      state('old', { contentHash: 'h2' }),
    ]);
    const audit = await listGraphWrites(db, { runId: run.id });
    expect(audit.map((w) => [w.action, w.sourceKey, w.status])).toEqual([
      ['delete', 'gone', 204],
      ['update', 'old', 200],
      ['create', 'new', 201],
    ]);
  });

  it('keeps the last of several changes to one event', async () => {
    const { db, write } = await setUp();
    await recordBatchResults(
      db,
      's1',
      [
        { kind: 'upsert', state: state('k1') },
        { kind: 'upsert', state: state('k1', { changeKey: 'ck-later' }) },
      ],
      [write('k1', 'create')],
    );
    expect(await loadEventStates(db, 's1')).toEqual([state('k1', { changeKey: 'ck-later' })]);
  });

  it('records only state, only audit rows, or lists too long for one statement', async () => {
    const { db, run, write } = await setUp();
    await recordBatchResults(db, 's1', [{ kind: 'upsert', state: state('a') }], []);
    await recordBatchResults(db, 's1', [], [write('b', 'create')]);
    const many = Array.from({ length: 1_200 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    await recordBatchResults(
      db,
      's1',
      many.map((key) => ({ kind: 'upsert', state: state(key) })),
      many.map((key) => write(key, 'create')),
    );
    expect(await loadEventStates(db, 's1')).toHaveLength(1_201);
    expect(await listGraphWrites(db, { runId: run.id, limit: 2_000 })).toHaveLength(1_201);
  });
});

describe('batch results module', () => {
  it('exports the recorder through the store index', async () => {
    const index = await import('../../src/store/index.ts');
    expect(index.recordBatchResults).toBe(recordBatchResults);
  });
});

// Recording a `$batch`'s results in one statement: the state and the audit log change together, whatever the mix.
import { describe, expect, it } from 'vitest';
import { recordBatchResults } from '../../src/store/batch-results.repository.ts';
import { applyEventStateChanges, loadEventStates } from '../../src/store/event-state.repository.ts';
import { listGraphWrites } from '../../src/store/graph-write.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { startRun } from '../../src/store/sync-run.repository.ts';
import { describeEachDialect, useStore } from './dialects.ts';
import { eventState } from './event-state-fixture.ts';

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
      { kind: 'upsert', state: eventState('old') },
      { kind: 'upsert', state: eventState('gone') },
      { kind: 'upsert', state: eventState('mine') },
    ]);
    await recordBatchResults(
      db,
      's1',
      [
        { kind: 'upsert', state: eventState('new') },
        { kind: 'upsert', state: eventState('old', { contentHash: 'h2' }) },
        { kind: 'delete', sourceKey: 'gone' },
        { kind: 'userDeleted', sourceKey: 'mine' },
      ],
      [write('new', 'create'), write('old', 'update'), write('gone', 'delete')],
    );
    expect(await loadEventStates(db, 's1')).toEqual([
      eventState('mine', { userDeletedHash: 'hash-mine' }),
      eventState('new'),
      eventState('old', { contentHash: 'h2' }),
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
        { kind: 'upsert', state: eventState('k1') },
        { kind: 'upsert', state: eventState('k1', { changeKey: 'ck-later' }) },
      ],
      [write('k1', 'create')],
    );
    expect(await loadEventStates(db, 's1')).toEqual([eventState('k1', { changeKey: 'ck-later' })]);
  });

  it('records only state, only audit rows, or lists too long for one statement', async () => {
    const { db, run, write } = await setUp();
    await recordBatchResults(db, 's1', [{ kind: 'upsert', state: eventState('a') }], []);
    await recordBatchResults(db, 's1', [], [write('b', 'create')]);
    const many = Array.from({ length: 1_200 }, (_, i) => `k${String(i).padStart(4, '0')}`);
    await recordBatchResults(
      db,
      's1',
      many.map((key) => ({ kind: 'upsert', state: eventState(key) })),
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

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { applyEventStateChange, loadEventStates } from '../../src/store/event-state.repository.ts';
import { appendGraphWrites, listGraphWrites } from '../../src/store/graph-write.repository.ts';
import { getOpenPlan, holdPlan } from '../../src/store/held-plan.repository.ts';
import { getPerson, upsertPerson } from '../../src/store/person.repository.ts';
import { finishRun, listRuns, startRun } from '../../src/store/sync-run.repository.ts';
import { NO_COUNTS } from '../../src/store/sync-run.table.ts';
import { describeEachDialect, useStore } from './dialects.ts';

const person = (id: string) => ({ id, mailbox: `${id}@uni.example`, authMode: 'application' as const });
const state = (sourceKey: string) => ({
  sourceKey,
  graphId: `g-${sourceKey}`,
  contentHash: 'h',
  changeKey: 'c',
  startUtc: '2026-12-01T08:00:00.000Z',
  endUtc: '2026-12-01T09:00:00.000Z',
  userDeletedHash: null,
  lastSyncedAt: '2026-11-30T12:00:00.000Z',
});

describeEachDialect('transactions', (dialect) => {
  const store = useStore(dialect);

  it('undoes everything a transaction wrote when its work throws', async () => {
    const { db } = store();
    await expect(
      db.transaction().execute(async (trx) => {
        await upsertPerson(trx, person('s1'));
        const run = await startRun(trx, { personId: 's1', kind: 'sync' });
        await applyEventStateChange(trx, 's1', { kind: 'upsert', state: state('k1') });
        await appendGraphWrites(trx, [
          {
            runId: run.id,
            personId: 's1',
            action: 'create',
            sourceKey: 'k1',
            graphId: 'g',
            status: 201,
            errorCode: null,
          },
        ]);
        await holdPlan(trx, {
          personId: 's1',
          runId: run.id,
          reason: 'delete_share_exceeded',
          summary: { current: 1, creates: 0, updates: 0, deletes: 1 },
        });
        throw new Error('the process is told to stop');
      }),
    ).rejects.toThrow('the process is told to stop');
    expect(await getPerson(db, 's1')).toBeUndefined();
    expect(await loadEventStates(db, 's1')).toEqual([]);
    expect(await listRuns(db, 's1')).toEqual([]);
    expect(await listGraphWrites(db, {})).toEqual([]);
    expect(await getOpenPlan(db, 's1')).toBeUndefined();
  });

  it('undoes the whole transaction when one of its statements fails', async () => {
    const { db } = store();
    await upsertPerson(db, person('s1'));
    const run = await startRun(db, { personId: 's1', kind: 'sync' });
    await expect(
      db.transaction().execute(async (trx) => {
        await applyEventStateChange(trx, 's1', { kind: 'upsert', state: state('k1') });
        await finishRun(trx, run.id, { outcome: 'succeeded', counts: { ...NO_COUNTS, created: 1 } });
        await applyEventStateChange(trx, 'nobody', { kind: 'upsert', state: state('k2') });
      }),
    ).rejects.toThrow(/foreign key/);
    expect(await loadEventStates(db, 's1')).toEqual([]);
    expect((await listRuns(db, 's1'))[0]).toMatchObject({ outcome: null, finishedAt: null });
  });

  it('records results from many concurrent callers without losing any', async () => {
    const { db } = store();
    await upsertPerson(db, person('s1'));
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => applyEventStateChange(db, 's1', { kind: 'upsert', state: state(`k${i}`) })),
    );
    expect(await loadEventStates(db, 's1')).toHaveLength(200);
  });

  it('runs concurrent read-modify-write transactions one after the other on the same row', async () => {
    const { db } = store();
    await upsertPerson(db, person('s1'));
    await Promise.all(
      Array.from({ length: 25 }, () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('person')
            .select('settings')
            .where('id', '=', 's1')
            .forUpdate()
            .executeTakeFirstOrThrow();
          await sql`select pg_sleep(0)`.execute(trx);
          const reminderMinutes = (row.settings.reminderMinutes ?? 0) + 1;
          await trx
            .updateTable('person')
            .set({ settings: JSON.stringify({ reminderMinutes }) })
            .where('id', '=', 's1')
            .execute();
        }),
      ),
    );
    expect((await getPerson(db, 's1'))?.settings).toEqual({ reminderMinutes: 25 });
  });
});

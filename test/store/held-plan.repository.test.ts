import { expect, it } from 'vitest';
import { dashboardCounts } from '../../src/store/dashboard.repository.ts';
import { getOpenPlan, holdPlan, listOpenPlans, resolvePlan } from '../../src/store/held-plan.repository.ts';
import type { HeldPlanSummary } from '../../src/store/held-plan.table.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { startRun } from '../../src/store/sync-run.repository.ts';
import { describeEachDialect, useStore } from './dialects.ts';

const summary: HeldPlanSummary = {
  current: 200,
  creates: 0,
  updates: 2,
  deletes: 150,
  sampleDeletes: [{ sourceKey: '2026!INFO101!LEC!1-20261201', title: 'Introduction to Programming' }],
};

describeEachDialect('held plans', (dialect) => {
  const store = useStore(dialect);
  const personWithRun = async (personId: string) => {
    await upsertPeople(store().db, [{ id: personId, mailbox: `${personId}@uni.example`, authMode: 'application' }]);
    return startRun(store().db, { personId, kind: 'sync' });
  };

  it('holds a plan with its summary until an admin approves it', async () => {
    const { db } = store();
    const run = await personWithRun('s1');
    const plan = await holdPlan(db, { personId: 's1', runId: run.id, reason: 'delete_share_exceeded', summary });
    expect(plan).toMatchObject({ personId: 's1', runId: run.id, summary, resolvedAt: null, resolution: null });
    expect(await getOpenPlan(db, 's1')).toEqual(plan);
    expect((await dashboardCounts(db)).openPlans).toBe(1);

    const approved = await resolvePlan(db, plan.id, { resolution: 'approved', by: 'admin@uni.example' });
    expect(approved).toMatchObject({ id: plan.id, resolution: 'approved', resolvedBy: 'admin@uni.example' });
    expect(approved?.resolvedAt).not.toBeNull();
    expect(await getOpenPlan(db, 's1')).toBeUndefined();
    expect((await dashboardCounts(db)).openPlans).toBe(0);
  });

  it('decides a plan once: a second decision finds nothing to decide', async () => {
    const { db } = store();
    const run = await personWithRun('s1');
    const plan = await holdPlan(db, { personId: 's1', runId: run.id, reason: 'delete_share_exceeded', summary });
    const decisions = await Promise.all([
      resolvePlan(db, plan.id, { resolution: 'approved', by: 'a' }),
      resolvePlan(db, plan.id, { resolution: 'rejected', by: 'b' }),
    ]);
    expect(decisions.filter((decision) => decision !== undefined)).toHaveLength(1);
  });

  it('replaces an open plan of the same person with the newer one', async () => {
    const { db } = store();
    const run = await personWithRun('s1');
    const older = await holdPlan(db, { personId: 's1', runId: run.id, reason: 'delete_share_exceeded', summary });
    const newer = await holdPlan(db, {
      personId: 's1',
      runId: run.id,
      reason: 'delete_share_exceeded',
      summary: { ...summary, deletes: 160 },
    });
    expect(await getOpenPlan(db, 's1')).toEqual(newer);
    expect(await resolvePlan(db, older.id, { resolution: 'approved', by: 'a' })).toBeUndefined();
    const superseded = await db.selectFrom('heldPlan').selectAll().where('id', '=', older.id).executeTakeFirst();
    expect(superseded).toMatchObject({ resolution: 'superseded', resolvedBy: null });
  });

  it('lists the open plans of everyone, oldest first', async () => {
    const { db } = store();
    const first = await personWithRun('s1');
    const second = await personWithRun('s2');
    const third = await personWithRun('s3');
    const a = await holdPlan(db, { personId: 's1', runId: first.id, reason: 'delete_share_exceeded', summary });
    const b = await holdPlan(db, { personId: 's2', runId: second.id, reason: 'delete_share_exceeded', summary });
    const c = await holdPlan(db, { personId: 's3', runId: third.id, reason: 'delete_share_exceeded', summary });
    await db.updateTable('heldPlan').set({ createdAt: '2026-01-01T00:00:00Z' }).where('id', '=', c.id).execute();
    await resolvePlan(db, b.id, { resolution: 'rejected', by: 'admin' });
    expect((await listOpenPlans(db)).map((plan) => plan.id)).toEqual([c.id, a.id]);
  });
});

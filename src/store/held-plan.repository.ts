// Plans held for an admin: held by the engine (replacing an older open plan of the same person), approved or
// rejected once by an admin.
import type { Kysely, Selectable } from 'kysely';
import { toIso, toIsoOrNull } from './columns.ts';
import type { Database } from './database.ts';
import type { HeldPlan, HeldPlanReason, HeldPlanSummary, HeldPlanTable } from './held-plan.table.ts';
import { inTransaction } from './in-transaction.ts';

export interface PlanToHold {
  readonly personId: string;
  readonly runId: string;
  readonly reason: HeldPlanReason;
  readonly summary: HeldPlanSummary;
}

/** Holds a plan; an open plan of the same person is marked superseded (the newer plan is what would run). */
export async function holdPlan(db: Kysely<Database>, plan: PlanToHold): Promise<HeldPlan> {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('heldPlan')
      .set((eb) => ({ resolvedAt: eb.fn<Date>('now'), resolution: 'superseded' }))
      .where('personId', '=', plan.personId)
      .where('resolvedAt', 'is', null)
      .execute();
    const row = await trx
      .insertInto('heldPlan')
      .values({
        personId: plan.personId,
        runId: plan.runId,
        reason: plan.reason,
        summary: JSON.stringify(plan.summary),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toHeldPlan(row);
  });
}

/**
 * Records an admin's decision on an open plan. Undefined when the plan is not open any more (someone decided
 * first, or a newer plan superseded it): the caller shows that instead of acting twice.
 */
export async function resolvePlan(
  db: Kysely<Database>,
  planId: string,
  decision: { readonly resolution: 'approved' | 'rejected'; readonly by: string },
): Promise<HeldPlan | undefined> {
  const row = await db
    .updateTable('heldPlan')
    .set((eb) => ({ resolvedAt: eb.fn<Date>('now'), resolution: decision.resolution, resolvedBy: decision.by }))
    .where('id', '=', planId)
    .where('resolvedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toHeldPlan(row);
}

export async function getOpenPlan(db: Kysely<Database>, personId: string): Promise<HeldPlan | undefined> {
  const row = await db
    .selectFrom('heldPlan')
    .selectAll()
    .where('personId', '=', personId)
    .where('resolvedAt', 'is', null)
    .executeTakeFirst();
  return row && toHeldPlan(row);
}

/** Every open plan, oldest first (the admin's queue). */
export async function listOpenPlans(db: Kysely<Database>): Promise<readonly HeldPlan[]> {
  const rows = await db
    .selectFrom('heldPlan')
    .selectAll()
    .where('resolvedAt', 'is', null)
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return rows.map(toHeldPlan);
}

export function toHeldPlan(row: Selectable<HeldPlanTable>): HeldPlan {
  return {
    id: row.id,
    personId: row.personId,
    runId: row.runId,
    reason: row.reason,
    summary: row.summary,
    createdAt: toIso(row.createdAt),
    resolvedAt: toIsoOrNull(row.resolvedAt),
    resolution: row.resolution,
    resolvedBy: row.resolvedBy,
  };
}

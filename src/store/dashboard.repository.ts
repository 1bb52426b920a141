// The counts the admin dashboard opens with: people by status and plans waiting for a decision.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { PERSON_STATUSES, type PersonStatus } from './person.table.ts';

export interface DashboardCounts {
  readonly people: number;
  /** Every status is present, zero when nobody has it. */
  readonly peopleByStatus: Readonly<Record<PersonStatus, number>>;
  readonly openPlans: number;
}

export async function countPeopleByStatus(db: Kysely<Database>): Promise<Readonly<Record<PersonStatus, number>>> {
  const rows = await db
    .selectFrom('person')
    .select((eb) => ['status', eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(PERSON_STATUSES.map((status) => [status, 0])) as Record<PersonStatus, number>;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}

export async function dashboardCounts(db: Kysely<Database>): Promise<DashboardCounts> {
  const peopleByStatus = await countPeopleByStatus(db);
  const plans = await db
    .selectFrom('heldPlan')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('resolvedAt', 'is', null)
    .executeTakeFirstOrThrow();
  const people = Object.values(peopleByStatus).reduce((sum, count) => sum + count, 0);
  return { people, peopleByStatus, openPlans: Number(plans.count) };
}

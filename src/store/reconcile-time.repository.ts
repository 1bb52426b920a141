// When each person's calendar was last listed successfully (a reconcile, or a first sync that listed it): the
// engine lists a calendar again only when the configured interval has passed.
import type { Kysely } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';

/** Everyone's, or only `personId`'s (a job syncs one person). */
export async function lastReconciledAt(db: Kysely<Database>, personId?: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('syncRun')
    .select((eb) => ['personId', eb.fn.max('startedAt').as('startedAt')])
    .where('kind', '=', 'reconcile')
    .$if(personId !== undefined, (q) => q.where('personId', '=', personId ?? ''))
    .where('outcome', 'in', ['succeeded', 'partial'])
    .groupBy('personId')
    .execute();
  return new Map(rows.map((row) => [row.personId, toIso(row.startedAt as never)]));
}

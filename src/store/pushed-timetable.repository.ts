// Pushed timetables (`source.type: push`): replace one person's, read some for a merge, read one for the source,
// list everyone. Callers wrap several writes in one transaction (nothing half-written).
import type { Kysely, Selectable } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';
import type { PushedTimetable, PushedTimetableTable } from './pushed-timetable.table.ts';

export async function putPushedTimetable(
  db: Kysely<Database>,
  timetable: { readonly personId: string; readonly mailbox: string; readonly events: readonly unknown[] },
  at: Date,
): Promise<void> {
  const values = {
    personId: timetable.personId,
    mailbox: timetable.mailbox,
    events: JSON.stringify(timetable.events),
    updatedAt: at,
  };
  await db
    .insertInto('pushedTimetable')
    .values(values)
    .onConflict((conflict) =>
      conflict.column('personId').doUpdateSet({ mailbox: values.mailbox, events: values.events, updatedAt: at }),
    )
    .execute();
}

export async function getPushedTimetable(db: Kysely<Database>, personId: string): Promise<PushedTimetable | undefined> {
  const row = await db.selectFrom('pushedTimetable').selectAll().where('personId', '=', personId).executeTakeFirst();
  return row && toPushedTimetable(row);
}

/** These people's timetables, locked for update when inside a transaction (a merge reads then writes). */
export async function getPushedTimetablesForUpdate(
  db: Kysely<Database>,
  personIds: readonly string[],
): Promise<ReadonlyMap<string, PushedTimetable>> {
  if (personIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('pushedTimetable')
    .selectAll()
    .where('personId', 'in', personIds)
    .forUpdate()
    .execute();
  return new Map(rows.map((row) => [row.personId, toPushedTimetable(row)]));
}

/** Everyone with a pushed timetable: id and mailbox, ordered by id. */
export async function listPushedPeople(
  db: Kysely<Database>,
): Promise<readonly { readonly id: string; readonly mailbox: string }[]> {
  return db.selectFrom('pushedTimetable').select(['personId as id', 'mailbox']).orderBy('personId').execute();
}

function toPushedTimetable(row: Selectable<PushedTimetableTable>): PushedTimetable {
  return {
    personId: row.personId,
    mailbox: row.mailbox,
    events: row.events as readonly Record<string, unknown>[],
    updatedAt: toIso(row.updatedAt),
  };
}

/** Who else has this mailbox (any letter case) among the pushed timetables. */
export async function pushedPersonWithMailbox(
  db: Kysely<Database>,
  mailbox: string,
  exceptPersonId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('pushedTimetable')
    .select('personId')
    .where((eb) => eb(eb.fn('lower', ['mailbox']), '=', mailbox.toLowerCase()))
    .where('personId', '!=', exceptPersonId)
    .executeTakeFirst();
  return row?.personId;
}

// Reads and writes people: upserts from the timetable source (without touching their own settings), status
// after each run, listing by status.
import type { Kysely, Selectable } from 'kysely';
import type { AuthMode } from '../model/person.ts';
import { toIso, toIsoOrNull } from './columns.ts';
import type { Database } from './database.ts';
import { writeInChunks } from './in-transaction.ts';
import type { PersonRecord, PersonSettings, PersonStatus, PersonTable } from './person.table.ts';

export interface PersonInput {
  readonly id: string;
  readonly mailbox: string;
  readonly authMode: AuthMode;
}

/** Adds new people and updates the mailbox and auth mode of known ones; settings and status stay as they are. */
export async function upsertPeople(db: Kysely<Database>, people: readonly PersonInput[]): Promise<void> {
  // One statement cannot upsert the same id twice: the last entry for an id wins.
  const unique = [...new Map(people.map((person) => [person.id, person])).values()];
  await writeInChunks(db, unique, 3, (target, chunk) =>
    target
      .insertInto('person')
      .values(chunk.map(({ id, mailbox, authMode }) => ({ id, mailbox, authMode })))
      .onConflict((conflict) =>
        conflict
          .column('id')
          .doUpdateSet((eb) => ({ mailbox: eb.ref('excluded.mailbox'), authMode: eb.ref('excluded.authMode') }))
          // A periodic full upsert of unchanged people writes nothing (no dead rows to vacuum).
          .where((eb) =>
            eb.or([
              eb('person.mailbox', 'is distinct from', eb.ref('excluded.mailbox')),
              eb('person.authMode', 'is distinct from', eb.ref('excluded.authMode')),
            ]),
          ),
      )
      .execute(),
  );
}

export async function upsertPerson(db: Kysely<Database>, person: PersonInput): Promise<void> {
  await upsertPeople(db, [person]);
}

export async function getPerson(db: Kysely<Database>, id: string): Promise<PersonRecord | undefined> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toPersonRecord(row);
}

export interface ListPeopleOptions {
  /** Only people with this status (or any of these). */
  readonly status?: PersonStatus | readonly PersonStatus[];
  /** Keyset paging: people whose id sorts after this one. */
  readonly afterId?: string;
  readonly limit?: number;
}

/** People ordered by id. */
export async function listPeople(
  db: Kysely<Database>,
  options: ListPeopleOptions = {},
): Promise<readonly PersonRecord[]> {
  const statuses = options.status === undefined ? undefined : ([] as PersonStatus[]).concat(options.status);
  if (statuses?.length === 0) return [];
  const rows = await db
    .selectFrom('person')
    .selectAll()
    .$if(statuses !== undefined, (q) => q.where('status', 'in', statuses ?? []))
    .$if(options.afterId !== undefined, (q) => q.where('id', '>', options.afterId ?? ''))
    .orderBy('id')
    .$if(options.limit !== undefined, (q) => q.limit(options.limit ?? 0))
    .execute();
  return rows.map(toPersonRecord);
}

export interface PersonStatusUpdate {
  readonly status: PersonStatus;
  readonly reason?: string | null;
  readonly code?: string | null;
  /** When this status comes from a run: its end. Sets last_sync_at, and last_success_at when the status is ok. */
  readonly syncedAt?: string;
}

/** Records a person's status; false when there is no such person. */
export async function recordPersonStatus(
  db: Kysely<Database>,
  id: string,
  update: PersonStatusUpdate,
): Promise<boolean> {
  const { syncedAt } = update;
  const result = await db
    .updateTable('person')
    .set((eb) => ({
      status: update.status,
      statusReason: update.reason ?? null,
      statusCode: update.code ?? null,
      // The right-hand side sees the row before the update: the time changes only with the status.
      statusChangedAt: eb
        .case()
        .when('status', '=', update.status)
        .then(eb.ref('statusChangedAt'))
        .else(eb.fn<Date>('now'))
        .end(),
      ...(syncedAt === undefined ? {} : { lastSyncAt: syncedAt }),
      ...(syncedAt !== undefined && update.status === 'ok' ? { lastSuccessAt: syncedAt } : {}),
    }))
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Replaces a person's own settings; false when there is no such person. */
export async function updatePersonSettings(
  db: Kysely<Database>,
  id: string,
  settings: PersonSettings,
): Promise<boolean> {
  const result = await db
    .updateTable('person')
    .set({ settings: JSON.stringify(settings) })
    .where('id', '=', id)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export function toPersonRecord(row: Selectable<PersonTable>): PersonRecord {
  return {
    id: row.id,
    mailbox: row.mailbox,
    authMode: row.authMode,
    settings: row.settings,
    status: row.status,
    statusReason: row.statusReason,
    statusCode: row.statusCode,
    statusChangedAt: toIso(row.statusChangedAt),
    lastSyncAt: toIsoOrNull(row.lastSyncAt),
    lastSuccessAt: toIsoOrNull(row.lastSuccessAt),
    createdAt: toIso(row.createdAt),
  };
}

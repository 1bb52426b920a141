// Finding people for the web pages: by the mailbox Entra signs them in with, and the admin's searchable list.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { toPersonRecord } from './person.repository.ts';
import type { PersonRecord, PersonStatus } from './person.table.ts';

/** The person whose mailbox is this user principal name, in any letter case (the lowest id if several). */
export async function findPersonByMailbox(db: Kysely<Database>, mailbox: string): Promise<PersonRecord | undefined> {
  const row = await db
    .selectFrom('person')
    .selectAll()
    .where(sql<string>`lower(mailbox)`, '=', mailbox.toLowerCase())
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row && toPersonRecord(row);
}

export interface SearchPeopleOptions {
  /** Part of the id or mailbox, any letter case. */
  readonly query?: string;
  readonly status?: PersonStatus;
  readonly limit?: number;
  readonly offset?: number;
}

/** People matching the search, ordered by id, and how many match in all. */
export async function searchPeople(
  db: Kysely<Database>,
  options: SearchPeopleOptions = {},
): Promise<{ readonly people: readonly PersonRecord[]; readonly total: number }> {
  const pattern = options.query ? `%${options.query.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const base = db
    .selectFrom('person')
    .$if(pattern !== undefined, (q) =>
      q.where((eb) =>
        eb.or([
          eb(sql<string>`lower(id)`, 'like', pattern ?? ''),
          eb(sql<string>`lower(mailbox)`, 'like', pattern ?? ''),
        ]),
      ),
    )
    .$if(options.status !== undefined, (q) => q.where('status', '=', options.status ?? 'ok'));
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id')
      .limit(options.limit ?? 50)
      .offset(options.offset ?? 0)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { people: rows.map(toPersonRecord), total: Number(count.count) };
}

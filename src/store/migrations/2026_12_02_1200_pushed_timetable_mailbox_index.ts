// Every PUT checks that no other person's timetable holds its mailbox (`lower(mailbox)`): with tens of thousands
// of people that check must not read the whole table.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index pushed_timetable_mailbox_lower on pushed_timetable (lower(mailbox))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index pushed_timetable_mailbox_lower`.execute(db);
}

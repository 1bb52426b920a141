// How much PostgreSQL the scale benchmark's run takes: the whole database, each of the store's tables (with
// indexes and TOAST), pg-boss's schema as one figure, and how many event states the store holds.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../src/store/database.ts';

export interface DatabaseSize {
  /** `pg_database_size(current_database())`. */
  readonly databaseBytes: number;
  /** The store's tables, largest first. */
  readonly storeTables: readonly { readonly name: string; readonly bytes: number }[];
  readonly storeBytes: number;
  readonly bossBytes: number;
  /** Rows of `event_state`: one per event the store tracks in a calendar. */
  readonly eventStates: number;
}

export async function databaseSize(
  db: Kysely<Database>,
  schemas: { readonly store: string; readonly boss: string },
): Promise<DatabaseSize> {
  const database = await sql<{ bytes: string }>`select pg_database_size(current_database()) as bytes`.execute(db);
  const store = await tableSizes(db, schemas.store);
  const boss = await tableSizes(db, schemas.boss);
  const states = await db
    .selectFrom('eventState')
    .select((eb) => eb.fn.countAll<string>().as('rows'))
    .executeTakeFirstOrThrow();
  const sum = (list: readonly { bytes: number }[]) => list.reduce((total, table) => total + table.bytes, 0);
  return {
    databaseBytes: Number(database.rows[0]?.bytes ?? 0),
    storeTables: store,
    storeBytes: sum(store),
    bossBytes: sum(boss),
    eventStates: Number(states.rows),
  };
}

/** Plain tables and partitions (a partitioned parent holds nothing itself), each with its indexes and TOAST. */
async function tableSizes(db: Kysely<Database>, schema: string): Promise<{ name: string; bytes: number }[]> {
  const result = await sql<{ name: string; bytes: string }>`
    select c.relname as name, pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relkind in ('r', 'm')
    order by pg_total_relation_size(c.oid) desc, c.relname`.execute(db);
  return result.rows.map((row) => ({ name: row.name, bytes: Number(row.bytes) }));
}

// Runs work atomically: inside the caller's transaction when given one, else in a new transaction; and splits
// long row lists into statements PostgreSQL accepts, still atomically.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';

export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

/**
 * Writes rows with one statement per chunk (PostgreSQL takes at most 65,535 parameters per statement): one
 * statement, no transaction, in the common case; a transaction around them all when there are several.
 */
export async function writeInChunks<T>(
  db: Kysely<Database>,
  rows: readonly T[],
  parametersPerRow: number,
  write: (db: Kysely<Database>, chunk: readonly T[]) => Promise<unknown>,
): Promise<void> {
  const size = Math.max(1, Math.floor(30_000 / parametersPerRow));
  if (rows.length === 0) return;
  if (rows.length <= size) {
    await write(db, rows);
    return;
  }
  await inTransaction(db, async (trx) => {
    for (let start = 0; start < rows.length; start += size) await write(trx, rows.slice(start, start + size));
  });
}

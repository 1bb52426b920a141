// Folding a request into a person's waiting job reads the job, merges and writes it back: two requests doing that
// at once would lose one of them. This runs such a read-modify-write alone per person: under a transaction-scoped
// advisory lock on PostgreSQL (across every process), in-process on the embedded database (one process only).
import type { Db, PgBoss } from 'pg-boss';
import { Mutex } from '../store/mutex.ts';

const LOCK = 'select pg_advisory_xact_lock(hashtextextended($1, 0))';
const local = new Map<string, Mutex>();

/**
 * Runs `work` while holding the person's enqueue lock. With `db` (the caller's transaction) the lock is taken in
 * that transaction and lasts until it ends.
 */
export async function withPersonLock<T>(
  boss: PgBoss,
  key: string,
  db: Db | undefined,
  work: (db: Db | undefined) => Promise<T>,
): Promise<T> {
  const name = `timetable-sync enqueue ${key}`;
  if (db) {
    await db.executeSql(LOCK, [name]);
    return work(db);
  }
  const own = boss.getDb();
  if (own.beginTransaction) {
    const transaction = await own.beginTransaction();
    try {
      await transaction.db.executeSql(LOCK, [name]);
      const result = await work(transaction.db);
      await transaction.commit();
      return result;
    } catch (error) {
      await transaction.rollback();
      throw error;
    }
  }
  let mutex = local.get(key);
  if (!mutex) {
    mutex = new Mutex();
    local.set(key, mutex);
  }
  try {
    return await mutex.run(() => work(undefined));
  } finally {
    if (!mutex.locked && mutex.waiting === 0) local.delete(key);
  }
}

// Lets Kysely's PostgresDialect drive embedded PGlite: a "pool" of PGlite's one connection, where connect()
// waits for the shared lock and release() hands it on, so a Kysely transaction owns the session from BEGIN to
// COMMIT. (No maintained Kysely dialect supports PGlite 0.5; the pool interface is all the dialect needs.)
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type { Mutex } from './mutex.ts';
import { StoreError } from './store-error.ts';

const OPENS_TRANSACTION = /^\s*(begin|start\s+transaction)\b/i;
const CLOSES_TRANSACTION = /^\s*(commit|rollback|end|abort)\s*;?\s*$/i;

export function createPglitePool(pglite: PGlite, lock: Mutex): PostgresPool {
  let ended = false;
  return {
    options: {},
    async connect(): Promise<PostgresPoolClient> {
      if (ended) throw new StoreError('closed', 'the embedded database was closed');
      const release = await lock.acquire();
      if (ended) {
        release();
        throw new StoreError('closed', 'the embedded database was closed');
      }
      return pgliteClient(pglite, release);
    },
    async end(): Promise<void> {
      if (ended) return;
      ended = true;
      // Wait for whoever holds the session (and everyone queued before us) so close never cuts a transaction.
      await lock.run(() => pglite.close());
    },
  };
}

function pgliteClient(pglite: PGlite, release: () => void): PostgresPoolClient {
  let inTransaction = false;
  let released = false;
  const query = async (sql: string, parameters: ReadonlyArray<unknown>) => {
    if (released) throw new StoreError('closed', 'a query was sent on a released embedded-database connection');
    const result = await pglite.query<Record<string, unknown>>(sql, [...parameters]);
    if (OPENS_TRANSACTION.test(sql)) inTransaction = true;
    else if (CLOSES_TRANSACTION.test(sql)) inTransaction = false;
    return {
      command: (result.command ?? 'SELECT') as PostgresQueryResult<unknown>['command'],
      rowCount: result.rowCount ?? result.affectedRows ?? 0,
      rows: result.rows,
    };
  };
  return {
    // Kysely only calls the (sql, parameters) overload; streaming needs a cursor, which this pool does not offer.
    query: query as PostgresPoolClient['query'],
    release(): void {
      if (released) return;
      released = true;
      if (!inTransaction) {
        release();
        return;
      }
      // A transaction left open (a failed rollback, or a manual BEGIN on db.connection()) would swallow the next
      // holder's statements: end it before anyone else gets the session.
      pglite
        .query('rollback')
        .catch((error: unknown) => {
          console.error('store: could not roll back a transaction left open on the embedded database', error);
        })
        .finally(release);
    },
  };
}

// PGlite as other libraries (pg-boss's `fromPglite`) should see it when they share the store's embedded
// database: every statement waits for the store's connection lock, so it never lands inside a store transaction,
// and a failed statement cannot leave the one session in an aborted transaction for the next holder.
import type { PGlite } from '@electric-sql/pglite';
import type { Mutex } from './mutex.ts';

/** The part of PGlite that pg-boss's `fromPglite` uses (its `PGliteLike`). */
export interface SharedPglite {
  query<T = Record<string, unknown>>(query: string, params?: unknown[]): Promise<{ rows: T[] }>;
  exec(query: string): Promise<Array<{ rows: Record<string, unknown>[] }>>;
  listen(channel: string, callback: (payload: string) => void): Promise<() => Promise<void>>;
}

export function lockedPglite(pglite: PGlite, lock: Mutex): SharedPglite {
  // Statements arrive one at a time from outside any store transaction: if one fails inside a multi-statement
  // block (pg-boss's BEGIN ... COMMIT), roll back before letting go of the session.
  const settle = async <T>(run: () => Promise<T>): Promise<T> =>
    lock.run(async () => {
      try {
        return await run();
      } catch (error) {
        await pglite.query('rollback').catch((rollbackError: unknown) => {
          throw new AggregateError([error, rollbackError], 'a statement failed and the rollback after it failed too');
        });
        throw error;
      }
    });
  return {
    query: (text, params) => settle(() => pglite.query(text, params)),
    exec: (text) => settle(() => pglite.exec(text)),
    listen: async (channel, callback) => {
      const unlisten = await lock.run(() => pglite.listen(channel, callback));
      return () => lock.run(() => unlisten());
    },
  };
}

// The PGlite adapter: one connection shared by everyone, so a transaction must own it from BEGIN to COMMIT, and
// nothing may leave the session in a transaction for the next user.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SharedPglite } from '../../src/store/locked-pglite.ts';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.ts';
import { getPerson, upsertPerson } from '../../src/store/person.repository.ts';

const person = (id: string) => ({ id, mailbox: `${id}@uni.example`, authMode: 'application' as const });

/**
 * True when the session is not inside a transaction: outside one, each statement is its own transaction and gets
 * its own id; inside one (even a read-only one), both statements share the open transaction's id. (Not
 * `now() = statement_timestamp()`: PGlite sends Parse and Bind in separate round trips, the implicit transaction
 * starts at Parse and the statement clock restarts at Bind, so with its millisecond clock that probe fails often.)
 */
async function outsideTransaction(store: StoreDatabase): Promise<boolean> {
  const transactionId = async () => {
    const { rows } = await sql<{ id: string }>`select pg_current_xact_id()::text as id`.execute(store.db);
    return rows[0]?.id;
  };
  const first = await transactionId();
  const second = await transactionId();
  return first !== undefined && second !== undefined && first !== second;
}

describe('PGlite behind Kysely', () => {
  let store: StoreDatabase;
  let shared: SharedPglite;
  beforeAll(async () => {
    store = await openDatabase({ dataDir: 'memory://' });
    if (store.engine.kind !== 'pglite') throw new Error('expected PGlite');
    shared = store.engine.shared;
  });
  afterAll(async () => {
    await store?.close();
  });
  beforeEach(async () => {
    await sql`truncate person cascade`.execute(store.db);
  });

  it('keeps a statement from outside out of a running transaction', async () => {
    let outside: Promise<unknown> | undefined;
    await expect(
      store.db.transaction().execute(async (trx) => {
        await upsertPerson(trx, person('inside'));
        // Sent while the transaction holds the connection: it must wait, or it would see the uncommitted row.
        outside = getPerson(store.db, 'inside');
        await sql`select pg_sleep(0)`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await outside).toBeUndefined();
  });

  it('keeps statements through the shared PGlite (pg-boss) out of a running transaction', async () => {
    let outside: Promise<{ rows: { n: number }[] }> | undefined;
    await expect(
      store.db.transaction().execute(async (trx) => {
        await upsertPerson(trx, person('inside'));
        outside = shared.query<{ n: number }>('select count(*)::int as n from person');
        await sql`select pg_sleep(0)`.execute(trx);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await outside)?.rows).toEqual([{ n: 0 }]);
  });

  it('commits what a transaction wrote and runs the waiting statement after it', async () => {
    let outside: Promise<unknown> | undefined;
    await store.db.transaction().execute(async (trx) => {
      await upsertPerson(trx, person('committed'));
      outside = getPerson(store.db, 'committed');
    });
    expect(await outside).toMatchObject({ id: 'committed' });
  });

  it('rolls back a transaction whose statement failed, and the next user gets a clean session', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await upsertPerson(trx, person('a'));
        await sql`select 1 / 0`.execute(trx);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await getPerson(store.db, 'a')).toBeUndefined();
    expect(await outsideTransaction(store)).toBe(true);
    await upsertPerson(store.db, person('b'));
    expect(await getPerson(store.db, 'b')).toBeDefined();
  });

  it('rolls back a transaction left open on a released connection', async () => {
    await store.db.connection().execute(async (connection) => {
      await sql`begin`.execute(connection);
      await upsertPerson(connection, person('left-open'));
    });
    expect(await outsideTransaction(store)).toBe(true);
    expect(await getPerson(store.db, 'left-open')).toBeUndefined();
  });

  it('leaves no aborted transaction behind when a multi-statement block through the shared PGlite fails', async () => {
    await expect(
      shared.exec(
        `begin; insert into person (id, mailbox, auth_mode) values ('x', 'x', 'application'); select 1 / 0; commit;`,
      ),
    ).rejects.toThrow(/division by zero/);
    expect(await outsideTransaction(store)).toBe(true);
    expect(await getPerson(store.db, 'x')).toBeUndefined();
    await store.db.transaction().execute((trx) => upsertPerson(trx, person('after')));
    expect(await getPerson(store.db, 'after')).toBeDefined();
  });

  it('serves hundreds of concurrent callers, transactions and single statements mixed', async () => {
    const work = Array.from({ length: 300 }, (_, i) =>
      i % 3 === 0
        ? store.db.transaction().execute(async (trx) => {
            await upsertPerson(trx, person(`t${i}`));
            await sql`select pg_sleep(0)`.execute(trx);
            return getPerson(trx, `t${i}`);
          })
        : upsertPerson(store.db, person(`s${i}`)).then(() => getPerson(store.db, `s${i}`)),
    );
    const results = await Promise.all(work);
    expect(results.every((result) => result !== undefined)).toBe(true);
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from person`.execute(store.db);
    expect(rows[0]?.n).toBe(300);
  });
});

describe('closing PGlite', () => {
  it('lets a running transaction finish before it closes', async () => {
    const store = await openDatabase({ dataDir: 'memory://' });
    let closed: Promise<void> | undefined;
    await store.db.transaction().execute(async (trx) => {
      await upsertPerson(trx, person('a'));
      closed = store.close();
      await upsertPerson(trx, person('b'));
    });
    await closed;
    if (store.engine.kind !== 'pglite') throw new Error('expected PGlite');
    expect(store.engine.pglite.closed).toBe(true);
    await expect(getPerson(store.db, 'a')).rejects.toThrow();
  });
});

// PostgreSQL restarting under a process that is in the middle of a transaction: the transaction fails with the
// connection's error, the process lives on (an unheard 'error' on a checked-out pg client would end it), and the
// store works again once the server is back. Against a private server the test restarts.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openDatabase, type StoreDatabase } from '../../src/store/index.ts';
import {
  describeWithPrivatePostgres,
  type PrivatePostgres,
  startPrivatePostgres,
} from '../support/private-postgres.ts';

describeWithPrivatePostgres('losing the PostgreSQL connection', () => {
  let postgres: PrivatePostgres;
  let store: StoreDatabase;

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    store = await openDatabase({ url: postgres.url, schema: 'loss' });
  });
  afterAll(async () => {
    await store?.close();
    await postgres?.stop();
  });

  it('fails the transaction that held it, logs once, and carries on', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const transaction = store.db.transaction().execute(async (trx) => {
        await trx.selectFrom('person').select('id').execute();
        await postgres.restart();
        // The socket died while this transaction held its connection.
        await trx.selectFrom('person').select('id').execute();
      });
      await expect(transaction).rejects.toThrow();
      const reports = logged.mock.calls.map((call) => String(call[0]));
      expect(reports.filter((line) => line.startsWith('store: a PostgreSQL connection failed'))).toHaveLength(
        reports.length,
      );
      expect(reports.length).toBeGreaterThan(0);
    } finally {
      logged.mockRestore();
    }
    expect(await store.db.selectFrom('person').select('id').execute()).toEqual([]);
  }, 60_000);
});

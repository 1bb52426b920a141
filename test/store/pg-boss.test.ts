// Proves pg-boss 12 can share the store's database: on PGlite through the store's locked instance, on
// PostgreSQL through the connection string; and that a job sent in a store transaction lives or dies with it.
import { fromKysely, fromPglite, PgBoss } from 'pg-boss';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoreDatabase } from '../../src/store/open-database.ts';
import { getPerson, upsertPerson } from '../../src/store/person.repository.ts';
import { describeEachDialect, dropSchema, randomSchema } from './dialects.ts';

describeEachDialect('pg-boss on the store database', (dialect) => {
  let store: StoreDatabase;
  let boss: PgBoss;
  let bossSchema: string;
  beforeAll(async () => {
    store = await dialect.open();
    bossSchema = randomSchema('boss');
    const engine = store.engine;
    boss =
      engine.kind === 'pglite'
        ? new PgBoss({ db: fromPglite(engine.shared), backend: 'pglite', schema: bossSchema })
        : new PgBoss({ connectionString: engine.connectionString, schema: bossSchema, max: 2 });
    boss.on('error', (error) => console.error('pg-boss:', error));
    await boss.start();
    await boss.createQueue('smoke');
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: true });
    if (store?.engine.kind === 'postgres') await dropSchema(store.engine.connectionString, bossSchema);
    await store?.close();
  });

  it('starts, takes a job and hands it to a worker', async () => {
    const received = new Promise<unknown>((resolve) => {
      void boss.work<{ personId: string }>('smoke', { pollingIntervalSeconds: 0.5 }, async ([job]) => {
        resolve(job?.data);
      });
    });
    await boss.send('smoke', { personId: 's1' });
    expect(await received).toEqual({ personId: 's1' });
    await boss.offWork('smoke');
  });

  it('keeps a job sent inside a store transaction only if the transaction commits', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await upsertPerson(trx, { id: 'rolled-back', mailbox: 'r@uni.example', authMode: 'application' });
        await boss.send('smoke', { personId: 'rolled-back' }, { db: fromKysely(trx) });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await store.db.transaction().execute(async (trx) => {
      await upsertPerson(trx, { id: 'committed', mailbox: 'c@uni.example', authMode: 'application' });
      await boss.send('smoke', { personId: 'committed' }, { db: fromKysely(trx) });
    });
    const jobs = await boss.fetch<{ personId: string }>('smoke', { batchSize: 10 });
    expect(jobs.map((job) => job.data.personId)).toEqual(['committed']);
    expect(await getPerson(store.db, 'rolled-back')).toBeUndefined();
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/open-database.ts';
import { getPerson, upsertPerson } from '../../src/store/person.repository.ts';
import { StoreError } from '../../src/store/store-error.ts';
import { dropSchema, randomSchema, testDatabaseUrl } from './dialects.ts';

describe('opening the embedded database', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'timetable-sync-store-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('creates the data folder, and keeps the data when reopened', async () => {
    const dataDir = join(folder, 'nested', 'data');
    const first = await openDatabase({ dataDir });
    expect(first.engine).toMatchObject({ kind: 'pglite', dataDir });
    await upsertPerson(first.db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
    await first.close();

    const second = await openDatabase({ dataDir });
    try {
      expect(await getPerson(second.db, 's1')).toMatchObject({ mailbox: 's1@uni.example' });
    } finally {
      await second.close();
    }
  });

  it('keeps its tables in the schema it was given', async () => {
    const store = await openDatabase({ dataDir: 'memory://', schema: 'timetable' });
    try {
      await upsertPerson(store.db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
      const { rows } = await sql<{ schema: string }>`
        select table_schema as schema from information_schema.tables where table_name = 'person'`.execute(store.db);
      expect(rows).toEqual([{ schema: 'timetable' }]);
    } finally {
      await store.close();
    }
  });

  it('closes once, however often close is called, and refuses work afterwards', async () => {
    const store = await openDatabase({ dataDir: 'memory://' });
    await Promise.all([store.close(), store.close()]);
    await expect(getPerson(store.db, 's1')).rejects.toThrow();
  });
});

describe('options', () => {
  it('rejects a schema name that is not a plain identifier, before connecting', async () => {
    const opening = openDatabase({ url: 'postgres://nobody@127.0.0.1:1/none', schema: 'x; drop table person' });
    await expect(opening).rejects.toBeInstanceOf(StoreError);
    await expect(opening).rejects.toMatchObject({ code: 'invalid_option' });
  });

  it('says which server it could not reach, without the password', async () => {
    const error = await openDatabase({ url: 'postgres://app:s3cret@127.0.0.1:1/timetable' }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(StoreError);
    expect(error).toMatchObject({ code: 'database_unavailable' });
    expect((error as StoreError).message).toContain('127.0.0.1:1/timetable');
    expect((error as StoreError).message).not.toContain('s3cret');
  });
});

const url = testDatabaseUrl();
describe.skipIf(!url)('schemas on PostgreSQL', () => {
  it('keeps each schema to itself', async () => {
    const [a, b] = [randomSchema('test'), randomSchema('test')];
    const first = await openDatabase({ url: url ?? '', schema: a });
    const second = await openDatabase({ url: url ?? '', schema: b });
    try {
      await upsertPerson(first.db, { id: 's1', mailbox: 'first@uni.example', authMode: 'application' });
      expect(await getPerson(first.db, 's1')).toBeDefined();
      expect(await getPerson(second.db, 's1')).toBeUndefined();
      expect(first.engine).toEqual({ kind: 'postgres', connectionString: url });
    } finally {
      await first.close();
      await second.close();
      await dropSchema(url ?? '', a);
      await dropSchema(url ?? '', b);
    }
  });
});

// Runs one database test suite on every dialect: embedded PGlite always, PostgreSQL when TEST_DATABASE_URL is
// set (skipped with a notice otherwise, and a failure when CI=true). Each PostgreSQL store gets its own random
// schema, dropped again when it closes; each PGlite store lives in memory (or in a folder the test chooses).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { openDatabase, type StoreDatabase } from '../../src/store/open-database.ts';

export type DialectName = 'pglite' | 'postgres';

export interface TestStoreOptions {
  /** Run the migrations on open (default true). */
  readonly migrate?: boolean;
  /** PGlite only: a data folder instead of memory. */
  readonly dataDir?: string;
  /** PostgreSQL only: this schema instead of a new random one (it is still dropped on close). */
  readonly schema?: string;
}

export interface TestDialect {
  readonly name: DialectName;
  open(options?: TestStoreOptions): Promise<StoreDatabase>;
}

export const pglite: TestDialect = {
  name: 'pglite',
  open: (options = {}) =>
    openDatabase({
      dataDir: options.dataDir ?? 'memory://',
      ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
    }),
};

export function postgres(url: string): TestDialect {
  return {
    name: 'postgres',
    async open(options = {}) {
      const schema = options.schema ?? randomSchema('test');
      const store = await openDatabase({
        url,
        schema,
        maxConnections: 4,
        ...(options.migrate === undefined ? {} : { migrate: options.migrate }),
      });
      return {
        ...store,
        close: async () => {
          await store.close();
          await dropSchema(url, schema);
        },
      };
    },
  };
}

/** A fresh schema name, e.g. `test_5f2c9a01d3be`. */
export function randomSchema(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** The PostgreSQL database the tests may use (CI sets it), if any. */
export function testDatabaseUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || undefined;
}

/** Declares `suite` once per dialect. */
export function describeEachDialect(title: string, suite: (dialect: TestDialect) => void): void {
  describe(`${title} [PGlite]`, () => suite(pglite));
  const url = testDatabaseUrl();
  if (url) {
    describe(`${title} [PostgreSQL]`, () => suite(postgres(url)));
  } else if (process.env.CI === 'true') {
    describe(`${title} [PostgreSQL]`, () => {
      it('runs on PostgreSQL', () => {
        throw new Error(
          'CI=true but TEST_DATABASE_URL is not set: the PostgreSQL leg of the store tests must run in CI',
        );
      });
    });
  } else {
    console.warn(`TEST_DATABASE_URL is not set: skipping the PostgreSQL leg of "${title}"`);
    describe.skip(`${title} [PostgreSQL] (set TEST_DATABASE_URL to run)`, () => suite(postgres('')));
  }
}

/**
 * One migrated store for the whole suite, emptied before each test (cheaper than a database per test: a fresh
 * PGlite takes about two seconds to initialise).
 */
export function useStore(dialect: TestDialect): () => StoreDatabase {
  let store: StoreDatabase | undefined;
  beforeAll(async () => {
    store = await dialect.open();
  });
  afterAll(async () => {
    await store?.close();
  });
  beforeEach(async () => {
    if (!store) return;
    await sql`truncate person, event_state, sync_run, graph_write, held_plan, pruned_run_total, pruned_write_total restart identity cascade`.execute(
      store.db,
    );
  });
  return () => {
    if (!store) throw new Error('the test store is not open (did beforeAll fail?)');
    return store;
  };
}

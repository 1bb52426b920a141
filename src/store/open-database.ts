// Opens the store: PostgreSQL (a pg pool) when a URL is given, else embedded PGlite in a data folder; sets the
// schema and UTC for every session, runs the migrations, and hands out what pg-boss needs to share the database.
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, PostgresDialect, type PostgresPool } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { lockedPglite, type SharedPglite } from './locked-pglite.ts';
import { Mutex } from './mutex.ts';
import { createPglitePool } from './pglite-pool.ts';
import { StoreError } from './store-error.ts';
import { migrateToLatest } from './store-migrator.ts';

export interface OpenDatabaseOptions {
  /** A PostgreSQL connection string; without one the embedded PGlite database in `dataDir` is used. */
  readonly url?: string;
  /** PGlite's data folder (default `./data`); `memory://` keeps the database in memory. */
  readonly dataDir?: string;
  /** The PostgreSQL schema that holds the store's tables (default `public`); created when missing. */
  readonly schema?: string;
  /** Run pending migrations before returning (default true). */
  readonly migrate?: boolean;
  /** Most connections the PostgreSQL pool opens (default 10). */
  readonly maxConnections?: number;
}

/** What other components (pg-boss) need to reach the same database. */
export type DatabaseEngine =
  | {
      readonly kind: 'pglite';
      readonly dataDir: string;
      /** The PGlite instance itself. Statements sent on it directly can land inside a store transaction. */
      readonly pglite: PGlite;
      /** PGlite behind the store's connection lock: give this to pg-boss (`fromPglite(engine.shared)`). */
      readonly shared: SharedPglite;
    }
  | { readonly kind: 'postgres'; readonly connectionString: string };

export interface StoreDatabase {
  readonly db: Kysely<Database>;
  readonly schema: string;
  readonly engine: DatabaseEngine;
  /** Waits for running transactions, then closes the pool or the embedded database. */
  close(): Promise<void>;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const PG_INT8 = 20;

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<StoreDatabase> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      'invalid_option',
      `database schema '${schema}' is not a plain lower-case identifier (letters, digits, underscores)`,
    );
  }
  const opened = options.url
    ? await openPostgres(options.url, schema, options.maxConnections ?? 10)
    : await openPglite(options.dataDir ?? './data', schema);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: opened.pool }),
    plugins: [new CamelCasePlugin({ maintainNestedObjectKeys: true })],
  });
  let closing: Promise<void> | undefined;
  const store: StoreDatabase = {
    db,
    schema,
    engine: opened.engine,
    close: () => {
      closing ??= db.destroy();
      return closing;
    },
  };
  try {
    if (options.migrate ?? true) await migrateToLatest(db, schema);
    else await db.selectNoFrom((eb) => eb.val(1).as('ok')).execute();
  } catch (error) {
    await store.close();
    if (error instanceof StoreError) throw error;
    throw new StoreError('database_unavailable', `${opened.describe}: ${messageOf(error)}`, { cause: error });
  }
  return store;
}

interface Opened {
  readonly pool: PostgresPool;
  readonly engine: DatabaseEngine;
  /** Where the database is, for error messages (never with a password). */
  readonly describe: string;
}

async function openPglite(dataDir: string, schema: string): Promise<Opened> {
  const describe = `could not open the embedded database in ${dataDir}`;
  let pglite: PGlite;
  try {
    if (!dataDir.includes('://')) await mkdir(dataDir, { recursive: true });
    pglite = await PGlite.create(dataDir);
    // One session for the life of the instance: set it up once, before anyone else can use it.
    await pglite.exec(`create schema if not exists ${schema}; set search_path to ${schema}; set time zone 'UTC';`);
  } catch (error) {
    throw new StoreError('database_unavailable', `${describe}: ${messageOf(error)}`, { cause: error });
  }
  const lock = new Mutex();
  return {
    pool: createPglitePool(pglite, lock),
    engine: { kind: 'pglite', dataDir, pglite, shared: lockedPglite(pglite, lock) },
    describe,
  };
}

async function openPostgres(url: string, schema: string, max: number): Promise<Opened> {
  const describe = `could not use the PostgreSQL database ${redact(url)}`;
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // Every connection starts in our schema and in UTC.
    options: `-c search_path=${schema} -c TimeZone=UTC`,
    // bigint (int8) as a number, as PGlite returns it: counts and ids stay far below 2^53.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === PG_INT8 && format !== 'binary'
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
    },
  });
  // A connection can break (a server restart, a failover). pg then emits 'error' on the client, also while it is
  // checked out (pg-pool listens only to idle ones, and Kysely not at all), and an 'error' nobody listens to ends
  // the process: a worker died this way in the chaos run. The statement running on it rejects with the same
  // error and the pool drops the dead client, so listening is all that is needed; the pool's own idle-client
  // report of the same error stays quiet to log each failure once.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      console.error(`store: a PostgreSQL connection failed (${redact(url)}): ${error.message}`);
    });
  });
  pool.on('error', () => {});
  try {
    await pool.query(`create schema if not exists ${schema}`);
  } catch (error) {
    // Two processes starting at once can race on the same `create schema`; only a missing schema is fatal.
    const exists = await pool
      .query('select 1 from pg_namespace where nspname = $1', [schema])
      .then((result) => result.rowCount === 1)
      .catch(() => false);
    if (!exists) {
      await pool.end();
      throw new StoreError('database_unavailable', `${describe}: ${messageOf(error)}`, { cause: error });
    }
  }
  return { pool, engine: { kind: 'postgres', connectionString: url }, describe };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable connection string)';
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

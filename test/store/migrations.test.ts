import { sql } from 'kysely';
import { NO_MIGRATIONS } from 'kysely/migration';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { StoreDatabase } from '../../src/store/open-database.ts';
import { createStoreMigrator, migrateToLatest } from '../../src/store/store-migrator.ts';
import { describeEachDialect } from './dialects.ts';

const STORE_TABLES = [
  'api_key',
  'event_state',
  'graph_write',
  'held_plan',
  'person',
  'person_feed',
  'person_token',
  'pruned_run_total',
  'pruned_write_total',
  'pushed_timetable',
  'sync_run',
];

async function tablesOf(store: StoreDatabase): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = ${store.schema} and table_name not like 'kysely_%'
    order by table_name`.execute(store.db);
  return rows.map((row) => row.name);
}

describeEachDialect('migrations', (dialect) => {
  let store: StoreDatabase;
  beforeAll(async () => {
    store = await dialect.open({ migrate: false });
  });
  afterAll(async () => {
    await store?.close();
  });

  it('creates every table of the store, each migration once', async () => {
    expect(await tablesOf(store)).toEqual([]);
    const first = await migrateToLatest(store.db, store.schema);
    expect(first.results?.map((result) => [result.migrationName, result.status])).toEqual([
      ['2026_11_30_1200_person_and_event_state', 'Success'],
      ['2026_11_30_1210_runs_writes_and_held_plans', 'Success'],
      ['2026_12_01_1200_person_tokens_and_feeds', 'Success'],
      ['2026_12_01_1300_api_keys_and_pushed_timetables', 'Success'],
      ['2026_12_02_1200_pushed_timetable_mailbox_index', 'Success'],
      ['2026_12_02_1300_pruned_history_totals', 'Success'],
    ]);
    expect(await tablesOf(store)).toEqual(STORE_TABLES);
    expect((await migrateToLatest(store.db, store.schema)).results).toEqual([]);
  });

  it('migrates down one step at a time, and up again', async () => {
    const migrator = createStoreMigrator(store.db, store.schema);
    const withoutTotals = STORE_TABLES.filter((t) => t !== 'pruned_run_total' && t !== 'pruned_write_total');
    await migrator.migrateDown();
    expect(await tablesOf(store)).toEqual(withoutTotals);
    await migrator.migrateDown();
    expect(await tablesOf(store)).toEqual(withoutTotals);
    await migrator.migrateDown();
    expect(await tablesOf(store)).toEqual(withoutTotals.filter((t) => t !== 'api_key' && t !== 'pushed_timetable'));
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await tablesOf(store)).toEqual([]);
    await migrateToLatest(store.db, store.schema);
    expect(await tablesOf(store)).toEqual(STORE_TABLES);
    const migrations = await migrator.getMigrations();
    expect(migrations.every((migration) => migration.executedAt instanceof Date)).toBe(true);
  });

  it('runs the migrations when the store opens', async () => {
    const opened = await dialect.open();
    try {
      expect(await tablesOf(opened)).toEqual(STORE_TABLES);
    } finally {
      await opened.close();
    }
  });
});

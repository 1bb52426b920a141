// Runs the store's migrations (a static list) against one schema. Kysely's migration tables live in that same
// schema, so every schema (every test, every tenant) has its own migration history.
import type { Kysely } from 'kysely';
import { type MigrationResultSet, Migrator } from 'kysely/migration';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';
import { StoreError } from './store-error.ts';

export function createStoreMigrator(db: Kysely<Database>, schema: string): Migrator {
  return new Migrator({
    // Migrations see plain snake_case SQL: no CamelCasePlugin.
    db: db.withoutPlugins(),
    provider: { getMigrations: async () => ({ ...migrations }) },
    migrationTableSchema: schema,
  });
}

/** Brings the schema up to the newest migration; throws a StoreError naming the migration that failed. */
export async function migrateToLatest(db: Kysely<Database>, schema: string): Promise<MigrationResultSet> {
  return throwOnFailure(await createStoreMigrator(db, schema).migrateToLatest());
}

export function throwOnFailure(resultSet: MigrationResultSet): MigrationResultSet {
  if (resultSet.error === undefined) return resultSet;
  const failed = resultSet.results?.find((result) => result.status === 'Error');
  const cause = resultSet.error;
  const detail = cause instanceof Error ? cause.message : String(cause);
  throw new StoreError(
    'migration_failed',
    failed
      ? `database migration ${failed.migrationName} failed (${failed.direction}): ${detail}`
      : `database migrations could not run: ${detail}`,
    { cause },
  );
}

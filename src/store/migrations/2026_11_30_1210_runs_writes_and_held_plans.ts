// What the engine did: runs with their counts, the audit log of every write to Graph, and plans held for an
// admin. Written against Kysely<unknown> in snake_case (a migration is a snapshot).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sync_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('sync', 'reconcile', 'purge', 'dry_run')`))
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('succeeded', 'partial', 'failed', 'held')`))
    .addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('error', 'text')
    .addColumn('error_code', 'text')
    .execute();
  // A person's recent runs (their page, the admin's detail view).
  await db.schema.createIndex('sync_run_person_idx').on('sync_run').columns(['person_id', 'started_at']).execute();
  // Runs over time for the dashboard: BRIN stays tiny on an append-only, time-ordered table.
  await db.schema.createIndex('sync_run_started_brin').on('sync_run').using('brin').column('started_at').execute();

  await db.schema
    .createTable('graph_write')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('sync_run.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull().check(sql`action in ('create', 'update', 'delete')`))
    .addColumn('source_key', 'text')
    .addColumn('graph_id', 'text')
    .addColumn('status', 'smallint')
    .addColumn('error_code', 'text')
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  // A person's writes newest first, paged by id (the order they were recorded).
  await db.schema.createIndex('graph_write_person_idx').on('graph_write').columns(['person_id', 'id']).execute();
  await db.schema.createIndex('graph_write_run_idx').on('graph_write').column('run_id').execute();
  // Writes and throttling over time (the dashboard chart).
  await db.schema.createIndex('graph_write_at_brin').on('graph_write').using('brin').column('at').execute();

  await db.schema
    .createTable('held_plan')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('run_id', 'uuid', (c) => c.notNull().references('sync_run.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution', 'text', (c) => c.check(sql`resolution in ('approved', 'rejected', 'superseded')`))
    .addColumn('resolved_by', 'text')
    .addCheckConstraint('held_plan_resolved', sql`(resolved_at is null) = (resolution is null)`)
    .execute();
  // At most one open plan per person: a newer plan supersedes the old one (see holdPlan).
  await db.schema
    .createIndex('held_plan_open_idx')
    .on('held_plan')
    .column('person_id')
    .unique()
    .where(sql.ref('resolved_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('held_plan').execute();
  await db.schema.dropTable('graph_write').execute();
  await db.schema.dropTable('sync_run').execute();
}

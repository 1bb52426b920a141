// People and the per-event state the planner compares with. Written against Kysely<unknown> in snake_case: a
// migration is a snapshot and must not change when the TypeScript types do.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    .addColumn('auth_mode', 'text', (c) => c.notNull().check(sql`auth_mode in ('application', 'delegated')`))
    .addColumn('settings', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('never_synced')
        .check(sql`status in ('never_synced', 'ok', 'failing', 'reconnect_needed', 'held', 'disconnected')`),
    )
    .addColumn('status_reason', 'text')
    .addColumn('status_code', 'text')
    .addColumn('status_changed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_sync_at', 'timestamptz')
    .addColumn('last_success_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('person_status_idx').on('person').column('status').execute();

  await db.schema
    .createTable('event_state')
    .addColumn('person_id', 'text', (c) => c.notNull().references('person.id').onDelete('cascade'))
    .addColumn('source_key', 'text', (c) => c.notNull())
    .addColumn('graph_id', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('change_key', 'text', (c) => c.notNull())
    .addColumn('start_utc', 'timestamptz', (c) => c.notNull())
    .addColumn('end_utc', 'timestamptz', (c) => c.notNull())
    .addColumn('user_deleted_hash', 'text')
    .addColumn('last_synced_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('event_state_pkey', ['person_id', 'source_key'])
    .execute();
  // Reconcile and the executor find a state row from the Graph id of an event they hold. Equality only, and
  // Graph ids are ~150 characters: a hash index keeps 4-byte codes, a third of the size of a b-tree here.
  await db.schema.createIndex('event_state_graph_id_idx').on('event_state').using('hash').column('graph_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_state').execute();
  await db.schema.dropTable('person').execute();
}

// What the daily prune removed from sync_run and graph_write, summed by the labels /metrics reports, so that its
// counters (computed from those tables) never go down when old history goes. Kysely<unknown>, snake_case.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('pruned_run_total')
    .addColumn('kind', 'text')
    .addColumn('outcome', 'text')
    .addColumn('runs', 'bigint', (c) => c.notNull())
    .addColumn('graph_requests', 'bigint', (c) => c.notNull())
    .addColumn('throttled', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pruned_run_total_pkey', ['kind', 'outcome'])
    .execute();
  await db.schema
    .createTable('pruned_write_total')
    .addColumn('action', 'text')
    // The HTTP status as text, `none` when no response came (as /metrics labels it).
    .addColumn('status', 'text')
    .addColumn('writes', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('pruned_write_total_pkey', ['action', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pruned_write_total').execute();
  await db.schema.dropTable('pruned_run_total').execute();
}

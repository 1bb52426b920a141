// Keeps the run history from growing without end: finished runs older than the history window go, and succeeded
// runs that wrote nothing (the scheduled syncs that found no change, the bulk of the table) go sooner. Their
// Graph writes go with them (the foreign key cascades). Deleted in batches, so no statement holds locks for long.
// Each batch adds what it deletes to pruned_run_total and pruned_write_total, so /metrics's counters never drop.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { inTransaction } from './in-transaction.ts';
import { StoreError } from './store-error.ts';

export interface PruneHistoryOptions {
  /** Finished runs that ended before this go. */
  readonly before: Date;
  /** Succeeded runs that wrote nothing (no create, update, delete or adoption, no audit row) go after this. */
  readonly unchangedBefore: Date;
  /** Runs deleted per statement (default 5,000). */
  readonly batchSize?: number;
  /** Checked between batches (a worker shutting down, a job out of time): what was deleted stays deleted. */
  readonly signal?: AbortSignal;
}

export interface PrunedHistory {
  readonly runs: number;
  /** The Graph writes of those runs (the audit log), gone with them. */
  readonly writes: number;
  /** False when the signal stopped the prune before everything due was gone; the next prune goes on. */
  readonly complete: boolean;
}

const PRUNE_BATCH_SIZE = 5_000;

/**
 * Deletes old runs, never one an admin still needs: a run not finished (running, or cut off), each person's
 * latest finished run (their page and the admin's show it), each person's latest succeeded or partial reconcile
 * (the next one is timed from it), and a run an open held plan or an admin's decision refers to.
 */
export async function pruneHistory(db: Kysely<Database>, options: PruneHistoryOptions): Promise<PrunedHistory> {
  const batchSize = options.batchSize ?? PRUNE_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new StoreError('invalid_option', `pruneHistory: batchSize must be a whole number above 0 (got ${batchSize})`);
  }
  let runs = 0;
  let writes = 0;
  for (;;) {
    if (options.signal?.aborted) return { runs, writes, complete: false };
    const batch = await deleteBatch(db, options.before, options.unchangedBefore, batchSize);
    runs += batch.runs;
    writes += batch.writes;
    // A short batch was the last: asking again would scan the table once more to find nothing.
    if (batch.selected < batchSize) return { runs, writes, complete: true };
  }
}

async function deleteBatch(
  db: Kysely<Database>,
  before: Date,
  unchangedBefore: Date,
  batchSize: number,
): Promise<{ readonly selected: number; readonly runs: number; readonly writes: number }> {
  const latest = before > unchangedBefore ? before : unchangedBefore;
  // Newer runs of the same person, in the order listRuns shows them (started_at, then id on a tie).
  const newer = sql`(n.started_at > r.started_at or (n.started_at = r.started_at and n.id < r.id))`;
  const nothingWritten = sql.join(
    ['created', 'updated', 'deleted', 'adopted'].map((count) => sql`coalesce((r.counts->>${count})::int, 0) = 0`),
    sql` and `,
  );
  // One statement per batch, its CTEs on one snapshot: the runs' writes are still there to count (the cascade's
  // deletes are not visible to it), and the totals grow in the same transaction as the delete, or not at all.
  const statement = sql<{ selected: number; runs: number; writes: number }>`
    with doomed as materialized (
      select r.id from sync_run r
      where r.finished_at is not null
        -- A finished run always has one (finishRun sets both); pruned_run_total is keyed by it.
        and r.outcome is not null
        -- Implied by the next test (a run ends after it starts), and lets the indexes on started_at narrow the scan.
        and r.started_at < ${latest.toISOString()}::timestamptz
        and (
          r.finished_at < ${before.toISOString()}::timestamptz
          or (
            r.finished_at < ${unchangedBefore.toISOString()}::timestamptz
            and r.outcome = 'succeeded'
            and ${nothingWritten}
            and not exists (select 1 from graph_write w where w.run_id = r.id)
          )
        )
        and exists (select 1 from sync_run n where n.person_id = r.person_id and n.finished_at is not null and ${newer})
        and (
          r.kind <> 'reconcile'
          or r.outcome not in ('succeeded', 'partial')
          or exists (
            select 1 from sync_run n
            where n.person_id = r.person_id and n.kind = 'reconcile' and n.outcome in ('succeeded', 'partial')
              and ${newer}
          )
        )
        -- Superseded plans are the engine's own bookkeeping (one an hour for a held person): they age out.
        and not exists (select 1 from held_plan p where p.run_id = r.id and p.resolution is distinct from 'superseded')
      limit ${batchSize}
    ),
    gone as (delete from sync_run where id in (select id from doomed) returning kind, outcome, counts, id),
    -- Labelled and summed as /metrics counts the live rows (service-stats.ts): status 'none' for no response.
    pruned_writes as (
      select action, coalesce(status::text, 'none') as status, count(*) as writes from graph_write
      where run_id in (select id from gone)
      group by action, coalesce(status::text, 'none')
    ),
    run_totals as (
      insert into pruned_run_total as total (kind, outcome, runs, graph_requests, throttled)
      select kind, outcome, count(*), coalesce(sum((counts->>'graphRequests')::int), 0),
        coalesce(sum((counts->>'throttled')::int), 0)
      from gone group by kind, outcome
      on conflict (kind, outcome) do update set runs = total.runs + excluded.runs,
        graph_requests = total.graph_requests + excluded.graph_requests,
        throttled = total.throttled + excluded.throttled
    ),
    write_totals as (
      insert into pruned_write_total as total (action, status, writes)
      select action, status, writes from pruned_writes
      on conflict (action, status) do update set writes = total.writes + excluded.writes
    )
    select (select count(*)::int from doomed) as selected, (select count(*)::int from gone) as runs,
      (select coalesce(sum(writes), 0)::int from pruned_writes) as writes`;
  const { rows } = await inTransaction(db, async (trx) => {
    // The planner's cost estimate for the subqueries is far above the JIT threshold; compiling them took most of
    // a batch's time on PostgreSQL (0.4 s of 0.55 s for 5,000 runs), for a statement that runs once per batch.
    await sql`set local jit = off`.execute(trx);
    return statement.execute(trx);
  });
  const row = rows[0];
  return { selected: Number(row?.selected ?? 0), runs: Number(row?.runs ?? 0), writes: Number(row?.writes ?? 0) };
}

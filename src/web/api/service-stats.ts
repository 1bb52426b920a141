// The figures /health and /metrics report, read from the store and from pg-boss's tables beside it (the same
// database; the web app holds no queue handle): people by status, runs, Graph writes, throttling, queue depth,
// and the time from a pushed change to its Outlook write as the workers record it in finished jobs. The run and
// write counters include the pruned history (pruned_run_total, pruned_write_total), so they never go down.
import { type Kysely, sql } from 'kysely';
import { bossSchema } from '../../jobs/open-boss.ts';
import { SYNC_PERSON_QUEUE } from '../../jobs/queues.ts';
import { countPeopleByStatus } from '../../store/dashboard.repository.ts';
import type { Database } from '../../store/database.ts';
import type { PersonStatus } from '../../store/person.table.ts';

export interface QueueStats {
  /** Sync jobs by pg-boss state (created, retry, active, completed, failed, …). */
  readonly byState: Readonly<Record<string, number>>;
  /** Change-to-Outlook latency of jobs finished in the last hour that carried a change. */
  readonly latency: {
    readonly count: number;
    readonly sumMs: number;
    readonly p50Ms: number | null;
    readonly p95Ms: number | null;
  };
}

export interface ServiceStats {
  readonly people: Readonly<Record<PersonStatus, number>>;
  /** Finished runs, the pruned ones included (like the three counters below): Prometheus counters. */
  readonly runs: readonly { readonly kind: string; readonly outcome: string; readonly count: number }[];
  /** Graph writes by action and HTTP status (`none` when no response came). */
  readonly writes: readonly { readonly action: string; readonly status: string; readonly count: number }[];
  readonly graphRequests: number;
  readonly throttled: number;
  /** Null when pg-boss's tables cannot be read (no queue installed, or unreachable). */
  readonly queue: QueueStats | null;
}

export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}

/** Sync jobs by state; rejects when the queue's tables cannot be read. */
export async function queueDepth(db: Kysely<Database>, storeSchema: string): Promise<Record<string, number>> {
  const job = sql.id(bossSchema(storeSchema), 'job');
  const { rows } = await sql<{ state: string; count: number }>`
    select state::text as state, count(*)::int as count from ${job}
    where name = ${SYNC_PERSON_QUEUE} group by state`.execute(db);
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}

async function latency(db: Kysely<Database>, storeSchema: string): Promise<QueueStats['latency']> {
  const job = sql.id(bossSchema(storeSchema), 'job');
  const { rows } = await sql<{ count: number; sum: number | null; p50: number | null; p95: number | null }>`
    select count(*)::int as count, sum(ms)::float8 as sum,
      percentile_cont(0.5) within group (order by ms)::float8 as p50,
      percentile_cont(0.95) within group (order by ms)::float8 as p95
    from (
      select (output->>'changeToOutlookMs')::float8 as ms from ${job}
      where name = ${SYNC_PERSON_QUEUE} and state = 'completed'
        and completed_on > now() - interval '1 hour'
        and jsonb_typeof(output->'changeToOutlookMs') = 'number'
    ) finished`.execute(db);
  const row = rows[0];
  return {
    count: Number(row?.count ?? 0),
    sumMs: Number(row?.sum ?? 0),
    p50Ms: row?.p50 ?? null,
    p95Ms: row?.p95 ?? null,
  };
}

export async function serviceStats(db: Kysely<Database>, storeSchema: string): Promise<ServiceStats> {
  const people = await countPeopleByStatus(db);
  // Live rows plus pruned totals: pruneHistory labels and sums what it deletes exactly as these queries do.
  const runs = await sql<{ kind: string; outcome: string; count: number }>`
    select kind, outcome, sum(count)::bigint as count from (
      select kind, outcome, count(*) as count from sync_run where outcome is not null group by kind, outcome
      union all
      select kind, outcome, runs from pruned_run_total
    ) counted
    group by kind, outcome order by kind, outcome`.execute(db);
  const writes = await sql<{ action: string; status: string; count: number }>`
    select action, status, sum(count)::bigint as count from (
      select action, coalesce(status::text, 'none') as status, count(*) as count from graph_write
      group by action, coalesce(status::text, 'none')
      union all
      select action, status, writes from pruned_write_total
    ) counted
    group by action, status order by action, status`.execute(db);
  const totals = await sql<{ requests: number | null; throttled: number | null }>`
    select sum(requests)::bigint as requests, sum(throttled)::bigint as throttled from (
      select sum((counts->>'graphRequests')::int) as requests, sum((counts->>'throttled')::int) as throttled
      from sync_run
      union all
      select sum(graph_requests), sum(throttled) from pruned_run_total
    ) counted`.execute(db);
  let queue: QueueStats | null = null;
  try {
    queue = { byState: await queueDepth(db, storeSchema), latency: await latency(db, storeSchema) };
  } catch {
    // No queue tables (a process without pg-boss): the queue's figures are left out, the rest still counts.
    queue = null;
  }
  return {
    people,
    runs: runs.rows.map((row) => ({ kind: row.kind, outcome: row.outcome, count: Number(row.count) })),
    writes: writes.rows.map((row) => ({ action: row.action, status: row.status, count: Number(row.count) })),
    graphRequests: Number(totals.rows[0]?.requests ?? 0),
    throttled: Number(totals.rows[0]?.throttled ?? 0),
    queue,
  };
}

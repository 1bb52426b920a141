// What the admin dashboard charts and groups: Graph writes and throttled answers per hour (from the audit log),
// the causes people are failing for now, and failed writes by Graph's error code.
import { type Kysely, sql } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';

export interface HourActivity {
  /** The start of the hour, UTC ISO. */
  readonly hour: string;
  /** Writes Graph accepted (2xx). */
  readonly succeeded: number;
  /** Throttled answers (429, 503, 504): Graph asked us to slow down. */
  readonly throttled: number;
  /** Other failures (4xx, 5xx, or no answer at all). */
  readonly failed: number;
}

/** One entry per hour from `since` (rounded down) to `until`, zero where nothing happened. */
export async function activityPerHour(
  db: Kysely<Database>,
  range: { readonly since: Date; readonly until: Date },
): Promise<readonly HourActivity[]> {
  const rows = await db
    .selectFrom('graphWrite')
    .select([
      sql<Date>`date_trunc('hour', at)`.as('hour'),
      sql<number>`count(*) filter (where status between 200 and 299)`.as('succeeded'),
      sql<number>`count(*) filter (where status in (429, 503, 504))`.as('throttled'),
      sql<number>`count(*) filter (where status is null or (status >= 300 and status not in (429, 503, 504)))`.as(
        'failed',
      ),
    ])
    .where('at', '>=', range.since)
    .where('at', '<', range.until)
    .groupBy(sql`date_trunc('hour', at)`)
    .execute();
  const byHour = new Map(rows.map((row) => [toIso(row.hour), row]));
  const hours: HourActivity[] = [];
  const first = Math.floor(range.since.getTime() / 3_600_000) * 3_600_000;
  for (let at = first; at < range.until.getTime(); at += 3_600_000) {
    const hour = new Date(at).toISOString();
    const row = byHour.get(hour);
    hours.push({
      hour,
      succeeded: Number(row?.succeeded ?? 0),
      throttled: Number(row?.throttled ?? 0),
      failed: Number(row?.failed ?? 0),
    });
  }
  return hours;
}

export interface FailureCause {
  /** The person's status code (Graph's error code, an AADSTS code, or ours); null when none was recorded. */
  readonly code: string | null;
  readonly people: number;
  /** The most recent reason recorded under this code: a sentence an admin can act on. */
  readonly example: string | null;
  /** A few of the people, to click through. */
  readonly samplePersonIds: readonly string[];
}

/** People who are failing or must reconnect now, grouped by the cause of their status, largest group first. */
export async function failureCauses(db: Kysely<Database>, limit = 20): Promise<readonly FailureCause[]> {
  const rows = await db
    .selectFrom('person')
    .select([
      'statusCode',
      sql<number>`count(*)`.as('people'),
      sql<string | null>`(array_agg(status_reason order by status_changed_at desc))[1]`.as('example'),
      sql<string[]>`(array_agg(id order by status_changed_at desc))[1:5]`.as('samplePersonIds'),
    ])
    .where('status', 'in', ['failing', 'reconnect_needed'])
    .groupBy('statusCode')
    .orderBy('people', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    code: row.statusCode,
    people: Number(row.people),
    example: row.example,
    samplePersonIds: row.samplePersonIds ?? [],
  }));
}

export interface FailedWrites {
  readonly errorCode: string | null;
  readonly status: number | null;
  readonly writes: number;
  readonly people: number;
  readonly lastAt: string;
}

/** Failed writes since a time (throttling left out: it is retried), grouped by Graph's code and status. */
export async function failedWritesByCode(
  db: Kysely<Database>,
  since: Date,
  limit = 20,
): Promise<readonly FailedWrites[]> {
  const rows = await db
    .selectFrom('graphWrite')
    .select([
      'errorCode',
      'status',
      sql<number>`count(*)`.as('writes'),
      sql<number>`count(distinct person_id)`.as('people'),
      sql<Date>`max(at)`.as('lastAt'),
    ])
    .where('at', '>=', since)
    .where((eb) => eb.or([eb('status', 'is', null), eb('status', '>=', 300)]))
    .where((eb) => eb.or([eb('status', 'is', null), eb('status', 'not in', [429, 503, 504])]))
    .groupBy(['errorCode', 'status'])
    .orderBy('writes', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    errorCode: row.errorCode,
    status: row.status,
    writes: Number(row.writes),
    people: Number(row.people),
    lastAt: toIso(row.lastAt),
  }));
}

// Runs of the engine: started before the first request, finished with their counts and outcome, listed per
// person for their page and the admin's detail view.
import type { Kysely, Selectable } from 'kysely';
import { toIso, toIsoOrNull } from './columns.ts';
import type { Database } from './database.ts';
import {
  NO_COUNTS,
  type RunCounts,
  type RunKind,
  type RunOutcome,
  type SyncRun,
  type SyncRunTable,
} from './sync-run.table.ts';

export async function startRun(
  db: Kysely<Database>,
  run: { readonly personId: string; readonly kind: RunKind },
): Promise<SyncRun> {
  const row = await db
    .insertInto('syncRun')
    .values({ personId: run.personId, kind: run.kind, counts: JSON.stringify(NO_COUNTS) })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toSyncRun(row);
}

export interface RunEnd {
  readonly outcome: RunOutcome;
  readonly counts: RunCounts;
  /** Why the run failed or was held, in words an admin can act on. */
  readonly error?: string | null;
  readonly errorCode?: string | null;
}

/** Finishes a run; undefined when there is no such run. */
export async function finishRun(db: Kysely<Database>, runId: string, end: RunEnd): Promise<SyncRun | undefined> {
  const row = await db
    .updateTable('syncRun')
    .set((eb) => ({
      finishedAt: eb.fn<Date>('now'),
      outcome: end.outcome,
      counts: JSON.stringify(end.counts),
      error: end.error ?? null,
      errorCode: end.errorCode ?? null,
    }))
    .where('id', '=', runId)
    .returningAll()
    .executeTakeFirst();
  return row && toSyncRun(row);
}

export async function getRun(db: Kysely<Database>, runId: string): Promise<SyncRun | undefined> {
  const row = await db.selectFrom('syncRun').selectAll().where('id', '=', runId).executeTakeFirst();
  return row && toSyncRun(row);
}

/** A person's runs, newest first. */
export async function listRuns(
  db: Kysely<Database>,
  personId: string,
  options: { readonly limit?: number } = {},
): Promise<readonly SyncRun[]> {
  const rows = await db
    .selectFrom('syncRun')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('startedAt', 'desc')
    .orderBy('id')
    .limit(options.limit ?? 50)
    .execute();
  return rows.map(toSyncRun);
}

export function toSyncRun(row: Selectable<SyncRunTable>): SyncRun {
  return {
    id: row.id,
    personId: row.personId,
    kind: row.kind,
    startedAt: toIso(row.startedAt),
    finishedAt: toIsoOrNull(row.finishedAt),
    outcome: row.outcome,
    counts: { ...NO_COUNTS, ...row.counts },
    error: row.error,
    errorCode: row.errorCode,
  };
}

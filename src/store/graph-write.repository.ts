// The audit log of writes to Graph: appended in bulk as batch results arrive, read back per person or per run.
import type { Kysely, QueryCreator, Selectable } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';
import type { GraphWrite, GraphWriteAction, GraphWriteTable } from './graph-write.table.ts';
import { writeInChunks } from './in-transaction.ts';

export interface GraphWriteInput {
  readonly runId: string;
  readonly personId: string;
  readonly action: GraphWriteAction;
  readonly sourceKey: string | null;
  readonly graphId: string | null;
  readonly status: number | null;
  readonly errorCode: string | null;
  /** When the response arrived (default: now). */
  readonly at?: string;
}

/** Appends audit rows in one statement (a few thousand at most per statement; more become a transaction). */
export async function appendGraphWrites(db: Kysely<Database>, writes: readonly GraphWriteInput[]): Promise<void> {
  await writeInChunks(db, writes, 8, (target, chunk) => graphWritesInsert(target, chunk).execute());
}

/** The insert of audit rows: to run alone or as a CTE of a larger statement. */
export function graphWritesInsert(db: QueryCreator<Database>, writes: readonly GraphWriteInput[]) {
  return db.insertInto('graphWrite').values(
    writes.map((write) => ({
      runId: write.runId,
      personId: write.personId,
      action: write.action,
      sourceKey: write.sourceKey,
      graphId: write.graphId,
      status: write.status,
      errorCode: write.errorCode,
      ...(write.at === undefined ? {} : { at: write.at }),
    })),
  );
}

export interface ListGraphWritesOptions {
  readonly personId?: string;
  readonly runId?: string;
  /** Keyset paging backwards: writes older than the one with this id. */
  readonly beforeId?: number;
  readonly limit?: number;
}

/** Writes newest first (by id: the order they were recorded). */
export async function listGraphWrites(
  db: Kysely<Database>,
  options: ListGraphWritesOptions,
): Promise<readonly GraphWrite[]> {
  const rows = await db
    .selectFrom('graphWrite')
    .selectAll()
    .$if(options.personId !== undefined, (q) => q.where('personId', '=', options.personId ?? ''))
    .$if(options.runId !== undefined, (q) => q.where('runId', '=', options.runId ?? ''))
    .$if(options.beforeId !== undefined, (q) => q.where('id', '<', options.beforeId ?? 0))
    .orderBy('id', 'desc')
    .limit(options.limit ?? 100)
    .execute();
  return rows.map(toGraphWrite);
}

export function toGraphWrite(row: Selectable<GraphWriteTable>): GraphWrite {
  return {
    id: row.id,
    runId: row.runId,
    personId: row.personId,
    action: row.action,
    sourceKey: row.sourceKey,
    graphId: row.graphId,
    status: row.status,
    errorCode: row.errorCode,
    at: toIso(row.at),
  };
}

// The results of one `$batch` recorded in one statement: the state changes and the audit rows together. On embedded
// PGlite most of a statement's cost is per statement, and a sync records a batch about every few milliseconds.
import { type Kysely, sql } from 'kysely';
import type { Database } from './database.ts';
import { applyEventStateChanges, eventStateStatements, lastChangePerKey } from './event-state.repository.ts';
import type { EventStateChange } from './event-state.table.ts';
import { appendGraphWrites, type GraphWriteInput, graphWritesInsert } from './graph-write.repository.ts';

/** Past this many rows the two parts go as their own (chunked) statements, far from PostgreSQL's parameter limit. */
const maxRowsInOneStatement = 1_000;

/** Applies `changes` to one person's state and appends `writes` to the audit log, atomically when both fit. */
export async function recordBatchResults(
  db: Kysely<Database>,
  personId: string,
  changes: readonly EventStateChange[],
  writes: readonly GraphWriteInput[],
): Promise<void> {
  const latest = lastChangePerKey(changes);
  if (latest.length === 0 || writes.length === 0 || latest.length + writes.length > maxRowsInOneStatement) {
    if (latest.length > 0) await applyEventStateChanges(db, personId, latest);
    if (writes.length > 0) await appendGraphWrites(db, writes);
    return;
  }
  // Data-modifying CTEs of different tables, one change per state key: their order does not matter.
  const statements = [...eventStateStatements(db, personId, latest), graphWritesInsert(db, writes)];
  const ctes = statements.map((statement, index) => sql`${sql.raw(`part_${index}`)} as (${statement})`);
  await sql`with ${sql.join(ctes)} select 1 as done`.execute(db);
}

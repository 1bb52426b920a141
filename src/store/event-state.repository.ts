// The per-event state of a person's calendar: loaded whole before planning, then changed one action result at a
// time (or a batch of them) as Graph answers, each change one cheap statement.
import { type Kysely, type QueryCreator, type Selectable, sql } from 'kysely';
import type { EventState } from '../model/event-state.ts';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';
import type { EventStateChange, EventStateTable } from './event-state.table.ts';
import { writeInChunks } from './in-transaction.ts';

/** Every state row of a person, ordered by source key. */
export async function loadEventStates(db: Kysely<Database>, personId: string): Promise<readonly EventState[]> {
  const rows = await db
    .selectFrom('eventState')
    .selectAll()
    .where('personId', '=', personId)
    .orderBy('sourceKey')
    .execute();
  return rows.map(toEventState);
}

export async function applyEventStateChange(
  db: Kysely<Database>,
  personId: string,
  change: EventStateChange,
): Promise<void> {
  await applyEventStateChanges(db, personId, [change]);
}

/**
 * Applies the results of a batch (up to 20 in practice) in one statement: the changes of each kind become one
 * data-modifying CTE. Several changes of one source key collapse to the last, as if applied in order.
 */
export async function applyEventStateChanges(
  db: Kysely<Database>,
  personId: string,
  changes: readonly EventStateChange[],
): Promise<void> {
  // 9 parameters for an upserted row is the widest; a few thousand changes still make one statement.
  await writeInChunks(db, lastChangePerKey(changes), 9, async (target, chunk) => {
    const statements = eventStateStatements(target, personId, chunk);
    const [only] = statements;
    if (statements.length === 1 && only) return only.execute();
    // The CTEs touch disjoint rows (one change per key), so their order inside the statement does not matter.
    const ctes = statements.map((statement, index) => sql`${sql.raw(`change_${index}`)} as (${statement})`);
    return sql`with ${sql.join(ctes)} select 1 as done`.execute(target);
  });
}

/** Several changes of one source key collapse to the last, as if applied in order. */
export function lastChangePerKey(changes: readonly EventStateChange[]): EventStateChange[] {
  return [...new Map(changes.map((change) => [keyOf(change), change])).values()];
}

/** One statement per kind of change (at most one change per key): to run alone or as CTEs of one statement. */
export function eventStateStatements(
  db: QueryCreator<Database>,
  personId: string,
  changes: readonly EventStateChange[],
) {
  const upserts = changes.flatMap((change) => (change.kind === 'upsert' ? [change.state] : []));
  const deletes = changes.flatMap((change) => (change.kind === 'delete' ? [change.sourceKey] : []));
  const userDeleted = changes.flatMap((change) => (change.kind === 'userDeleted' ? [change.sourceKey] : []));
  return [
    upserts.length > 0 ? upsertStates(db, personId, upserts) : undefined,
    deletes.length > 0 ? deleteStates(db, personId, deletes) : undefined,
    userDeleted.length > 0 ? markUserDeleted(db, personId, userDeleted) : undefined,
  ].filter((statement) => statement !== undefined);
}

/** Forgets every state row of a person (after a purge or a disconnect); returns how many there were. */
export async function clearEventStates(db: Kysely<Database>, personId: string): Promise<number> {
  const result = await db.deleteFrom('eventState').where('personId', '=', personId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

function keyOf(change: EventStateChange): string {
  return change.kind === 'upsert' ? change.state.sourceKey : change.sourceKey;
}

function upsertStates(db: QueryCreator<Database>, personId: string, states: readonly EventState[]) {
  return db
    .insertInto('eventState')
    .values(
      states.map((state) => ({
        personId,
        sourceKey: state.sourceKey,
        graphId: state.graphId,
        contentHash: state.contentHash,
        changeKey: state.changeKey,
        startUtc: state.startUtc,
        endUtc: state.endUtc,
        userDeletedHash: state.userDeletedHash,
        lastSyncedAt: state.lastSyncedAt,
      })),
    )
    .onConflict((conflict) =>
      conflict.columns(['personId', 'sourceKey']).doUpdateSet((eb) => ({
        graphId: eb.ref('excluded.graphId'),
        contentHash: eb.ref('excluded.contentHash'),
        changeKey: eb.ref('excluded.changeKey'),
        startUtc: eb.ref('excluded.startUtc'),
        endUtc: eb.ref('excluded.endUtc'),
        userDeletedHash: eb.ref('excluded.userDeletedHash'),
        lastSyncedAt: eb.ref('excluded.lastSyncedAt'),
      })),
    );
}

function deleteStates(db: QueryCreator<Database>, personId: string, sourceKeys: readonly string[]) {
  return db.deleteFrom('eventState').where('personId', '=', personId).where('sourceKey', 'in', sourceKeys);
}

function markUserDeleted(db: QueryCreator<Database>, personId: string, sourceKeys: readonly string[]) {
  return db
    .updateTable('eventState')
    .set((eb) => ({ userDeletedHash: eb.ref('contentHash') }))
    .where('personId', '=', personId)
    .where('sourceKey', 'in', sourceKeys);
}

export function toEventState(row: Selectable<EventStateTable>): EventState {
  return {
    sourceKey: row.sourceKey,
    graphId: row.graphId,
    contentHash: row.contentHash,
    changeKey: row.changeKey,
    startUtc: toIso(row.startUtc),
    endUtc: toIso(row.endUtc),
    userDeletedHash: row.userDeletedHash,
    lastSyncedAt: toIso(row.lastSyncedAt),
  };
}

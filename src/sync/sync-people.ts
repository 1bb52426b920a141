// A run over many people: who to sync (the source's list, or the ones asked for), reconciles when due, people
// prepared and planned in parallel while the executor spreads their writes over mailboxes. One person's failure
// never stops another's (invariant 6).
import type { Person } from '../model/person.ts';
import { createRoster } from '../people/index.ts';
import { canListPeople } from '../source/index.ts';
import { getPerson, listPeople, type PersonStatus, upsertPeople } from '../store/index.ts';
import { lastReconciledAt } from '../store/reconcile-time.repository.ts';
import type { Engine } from './engine.ts';
import { type RunPeopleOptions, type RunSummary, runPeople } from './run-people.ts';
import { type SyncKind, syncPerson } from './sync-person.ts';

export interface SyncPeopleOptions extends RunPeopleOptions {
  readonly kind: SyncKind;
  /** Only these people (ids in the timetable source); all of the source's people when absent. */
  readonly personIds?: readonly string[];
  readonly now?: Date;
}

export class SelectionError extends Error {
  override readonly name = 'SelectionError';
}

export async function syncPeople(engine: Engine, options: SyncPeopleOptions): Promise<RunSummary> {
  const people = await selectPeople(engine, options.personIds);
  const now = options.now ?? new Date();
  const reconciled = await lastReconciledAt(engine.store.db);
  const intervalMs = engine.config.sync.reconcileIntervalHours * 3_600_000;
  return runPeople(
    engine,
    people,
    (person) => {
      const last = reconciled.get(person.id);
      const reconcileDue = last === undefined || now.getTime() - Date.parse(last) >= intervalMs;
      return syncPerson(engine, person, { kind: options.kind, now, reconcileDue });
    },
    options,
  );
}

/**
 * The people to work on, recorded in the store (new ones as never synced). With a roster (config `people`) or a
 * source that lists its people, that list is the truth; a requested id that is neither there nor in the store is
 * an error naming it.
 */
export async function selectPeople(engine: Engine, personIds?: readonly string[]): Promise<Person[]> {
  // Delegated permissions: the people are those who connected their own calendar (signing in recorded them).
  if (engine.config.microsoft.auth === 'delegated') return connectedPeople(engine, personIds);
  const { db } = engine.store;
  // The configured roster (`people`: a file or an Entra group) names who is synced; else a source that lists them.
  const roster = engine.config.people ? createRoster(engine.config.people, engine.graph) : null;
  const listed = roster
    ? (await roster.listPeople()).map(({ id, mailbox }) => ({ id, mailbox }))
    : canListPeople(engine.source)
      ? await engine.source.listPeople()
      : [];
  await upsertPeople(
    db,
    listed.map((p) => ({ id: p.id, mailbox: p.mailbox, authMode: 'application' as const })),
  );
  if (!personIds) return [...listed];
  const byId = new Map(listed.map((p) => [p.id, p]));
  const selected: Person[] = [];
  const unknown: string[] = [];
  for (const id of personIds) {
    const person = byId.get(id) ?? (await getPerson(db, id));
    if (person) selected.push({ id: person.id, mailbox: person.mailbox });
    else unknown.push(id);
  }
  if (unknown.length > 0) {
    const where = roster?.description ?? engine.source.description;
    throw new SelectionError(`no such person in ${where} or the database: ${unknown.join(', ')}`);
  }
  return selected;
}

/** Statuses of delegated people a scheduled run works on: not those who must reconnect or who disconnected. */
const connectedStatuses: readonly PersonStatus[] = ['never_synced', 'ok', 'failing', 'held'];

/** Delegated mode: the connected people (all, or the ones asked for, whatever their status). */
async function connectedPeople(engine: Engine, personIds?: readonly string[]): Promise<Person[]> {
  const { db } = engine.store;
  if (!personIds) {
    const people = await listPeople(db, { status: connectedStatuses });
    return people.filter((p) => p.authMode === 'delegated').map(({ id, mailbox }) => ({ id, mailbox }));
  }
  const selected: Person[] = [];
  const unknown: string[] = [];
  for (const id of personIds) {
    const person = await getPerson(db, id);
    if (person) selected.push({ id: person.id, mailbox: person.mailbox });
    else unknown.push(id);
  }
  if (unknown.length > 0) {
    throw new SelectionError(
      `no such person in the database (delegated: they connect by signing in): ${unknown.join(', ')}`,
    );
  }
  return selected;
}

// What the chaos run checks after its quiet period: the queue has run dry, the store holds every accepted push,
// and each calendar holds exactly the desired events once each, with every owner event as the owner left it.
import { sql } from 'kysely';
import { bossSchema } from '../../src/jobs/open-boss.ts';
import { SYNC_ALL_QUEUE, SYNC_PERSON_QUEUE } from '../../src/jobs/queues.ts';
import { syncWindow } from '../../src/model/sync-window.ts';
import type { RunningService } from '../../src/service/start-service.ts';
import { getPerson } from '../../src/store/index.ts';
import { calendarProblems, desiredNow, inspectMailbox } from '../support/calendar-check.ts';
import type { TestEmulator } from '../support/emulator.ts';
import type { OwnerActions } from './owner-actions.ts';
import type { ChaosPerson, TimetableStream } from './timetable-stream.ts';

/** Sync jobs not finished yet: waiting, waiting to retry, deferred after throttling, or running. */
export async function unfinishedJobs(service: RunningService): Promise<number> {
  const schema = bossSchema(service.engine.store.schema);
  const { rows } = await sql<{ count: string }>`
    select count(*) as count from ${sql.table(`${schema}.job`)}
    where name in (${SYNC_PERSON_QUEUE}, ${SYNC_ALL_QUEUE}) and state in ('created', 'retry', 'active')`.execute(
    service.engine.store.db,
  );
  return Number(rows[0]?.count ?? 0);
}

/** Waits until no sync job is left, seen twice a second apart (a finished sync-all fans out person jobs). */
export async function waitForQuiet(service: RunningService, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietPolls = 0;
  let last = -1;
  while (quietPolls < 2) {
    if (Date.now() > deadline) throw new Error(`the queue did not run dry in ${timeoutMs / 1000} s (${last} left)`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    last = await unfinishedJobs(service);
    quietPolls = last === 0 ? quietPolls + 1 : 0;
  }
}

export interface CalendarCheck {
  readonly eventsCompared: number;
  readonly differences: readonly string[];
}

export async function checkCalendars(
  emulator: TestEmulator,
  service: RunningService,
  stream: TimetableStream,
  owners: OwnerActions,
  people: readonly ChaosPerson[],
): Promise<CalendarCheck> {
  const { engine } = service;
  const window = syncWindow(new Date(), engine.config.sync.pastDays, engine.config.sync.futureDays);
  const differences: string[] = [];
  let eventsCompared = 0;
  for (const person of people) {
    const record = await getPerson(engine.store.db, person.personId);
    if (record?.status !== 'ok') {
      differences.push(`${person.personId}: status ${record?.status ?? 'unknown'} (${record?.statusReason ?? ''})`);
    }
    // The store must hold exactly what the push API accepted.
    const read = await engine.source.read({ id: person.personId, mailbox: person.upn }, window);
    const stored = read.kind === 'timetable' ? read.events : [];
    const accepted = [...stream.eventsOf(person).values()];
    const storedIds = new Set(stored.map((event) => event.id));
    for (const event of accepted) {
      if (!storedIds.has(event.id)) differences.push(`${person.personId}: accepted event ${event.id} not stored`);
    }
    if (stored.length !== accepted.length) {
      differences.push(`${person.personId}: ${stored.length} events stored, ${accepted.length} accepted`);
    }
    const desired = await desiredNow(engine, { id: person.personId, mailbox: person.upn });
    const foreign = [...(owners.ownEvents.get(person.upn)?.values() ?? [])];
    const events = await inspectMailbox(emulator, person.upn);
    eventsCompared += desired.length + foreign.length;
    for (const problem of calendarProblems(events, desired, { foreign })) {
      differences.push(`${person.personId}: ${problem}`);
    }
  }
  return { eventsCompared, differences };
}

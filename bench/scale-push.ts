// The scale benchmark's push source: each person's timetable stored as `PUT /api/v1/people/{id}/timetable` stores
// it (src/web/api/push-routes.ts: the same validation and the same transaction), called in-process instead of over
// HTTP, and changed people's syncs queued as the push routes queue them (one `sync-person` job each, reason push).
import type { Kysely } from 'kysely';
import type { PgBoss } from 'pg-boss';
import type { Config } from '../src/config/index.ts';
import { ENQUEUES_AT_ONCE, enqueuePersonSync } from '../src/jobs/enqueue-person-sync.ts';
import { runInLanes } from '../src/jobs/run-in-lanes.ts';
import type { Database } from '../src/store/database.ts';
import { parseTimetablePush } from '../src/web/api/push-body.ts';
import { storePushedTimetable } from '../src/web/api/store-pushed-timetable.ts';
import type { BenchTimetable } from './bench-timetable.ts';

type BenchPerson = BenchTimetable['people'][number];

/** PUTs at once, as a timetabling system's parallel calls; the observer's pool has 10 connections. */
export const putsAtOnce = 4;

/**
 * Stores these people's timetables one PUT each, `putsAtOnce` at a time: the route's own validation
 * (`parseTimetablePush`) and write (`storePushedTimetable`), minus HTTP. Nothing is queued here.
 */
export async function putTimetables(
  db: Kysely<Database>,
  auth: Config['microsoft']['auth'],
  timetable: BenchTimetable,
  people: readonly BenchPerson[],
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < people.length) {
      const person = people[next++];
      if (person) await putTimetable(db, auth, timetable.timeZone, person);
    }
  };
  await Promise.all(Array.from({ length: putsAtOnce }, lane));
}

async function putTimetable(
  db: Kysely<Database>,
  auth: Config['microsoft']['auth'],
  timeZone: string,
  person: BenchPerson,
): Promise<void> {
  const body = { id: person.id, mailbox: person.mailbox, timeZone, events: person.events };
  await storePushedTimetable(db, parseTimetablePush(body, person.id), auth, new Date());
}

/**
 * Queues a sync of each person as the push routes do (`enqueueAll` with the web server's `enqueue`: one
 * `enqueuePersonSync` per person, reason `push`, `ENQUEUES_AT_ONCE` at a time). Unlike the route, a failure to queue fails the run.
 */
export async function enqueuePushSyncs(boss: PgBoss, personIds: readonly string[]): Promise<void> {
  const failed = await runInLanes(personIds, ENQUEUES_AT_ONCE, (personId) =>
    enqueuePersonSync(boss, personId, 'push', { kind: 'sync' }),
  );
  if (failed.length > 0) {
    throw new Error(
      `could not queue ${failed.length} of ${personIds.length} push syncs, the first: ${failed[0]?.error}`,
    );
  }
}

/** The people whose events `changeEvents` changed (it keeps an unchanged event's object, so identity tells). */
export function changedPeople(before: BenchTimetable, after: BenchTimetable): BenchPerson[] {
  return after.people.filter((person, n) => {
    const old = before.people[n]?.events ?? [];
    return person.events.some((event, i) => event !== old[i]);
  });
}

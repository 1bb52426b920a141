// The `source.type: push` adapter: the timetabling system owns the data and pushes it to our API
// (src/web/api/push-routes.ts), which keeps it in the `pushed_timetable` table; reading a person is reading their
// row. Nobody pushed for a person: `unknown-person`. The stored events were validated when pushed; they are
// checked again on read, so a row edited by hand fails only that person.
import type { Kysely } from 'kysely';
import type { Person } from '../../model/person.ts';
import type { SyncWindow } from '../../model/sync-window.ts';
import { parseTimetableEvents } from '../../model/timetable-event-json.ts';
import type { Database } from '../../store/database.ts';
import { getPushedTimetable, listPushedPeople } from '../../store/pushed-timetable.repository.ts';
import { filterToWindow } from '../filter-to-window.ts';
import { SourceError } from '../source-error.ts';
import type { ListsPeople, SourceResult, TimetableSource } from '../timetable-source.ts';

export const PUSH_SOURCE_DESCRIPTION = 'pushed timetables (database)';

export function createPushSource(db: Kysely<Database>): TimetableSource & ListsPeople {
  const description = PUSH_SOURCE_DESCRIPTION;
  return {
    description,
    async listPeople(): Promise<readonly Person[]> {
      return unreadable(description, () => listPushedPeople(db));
    },
    async read(person: Person, window: SyncWindow): Promise<SourceResult> {
      const stored = await unreadable(description, () => getPushedTimetable(db, person.id));
      if (stored === undefined) return { kind: 'unknown-person', personId: person.id };
      const events = parseTimetableEvents(stored.events, {
        personId: person.id,
        defaultTimeZone: null,
        path: `people/${person.id}/events`,
      });
      if (!events.ok) {
        throw new SourceError('SOURCE_INVALID_EVENTS', {
          source: description,
          personId: person.id,
          problems: events.problems,
          summary: `the stored timetable of ${person.id} is invalid; push it again`,
        });
      }
      return {
        kind: 'timetable',
        person: { id: stored.personId, mailbox: stored.mailbox },
        events: filterToWindow(events.events, window),
      };
    },
  };
}

async function unreadable<T>(description: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    throw new SourceError(
      'SOURCE_UNREADABLE',
      { source: description, summary: `cannot read the database (${(error as Error).message})` },
      { cause: error },
    );
  }
}

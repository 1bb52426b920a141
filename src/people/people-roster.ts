// The roster port: who is synced in application mode (the config's `people` section), from a people file or the
// members of an Entra group. The JSON source lists its own people; feeds (iCalendar, MyTimetable) do not.
import type { Person } from '../model/person.ts';

export interface RosterEntry extends Person {
  /** The person's username in the timetabling system (the people file's `username` column); null when not given. */
  readonly username: string | null;
  /** A per-person secret for feed URLs (the people file's `feedKey` column); null when not given. */
  readonly feedKey: string | null;
}

export interface RosterReadOptions {
  readonly signal?: AbortSignal;
}

export interface PeopleRoster {
  /** For messages, e.g. `people file /srv/people.csv`. */
  readonly description: string;
  /** Everyone on the roster. Rejects with a PeopleError when it cannot be known: never an empty list on failure. */
  listPeople(options?: RosterReadOptions): Promise<readonly RosterEntry[]>;
}

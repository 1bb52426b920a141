// The TimetableSource port: read-only, one person and one window at a time, returning the canonical events. Small
// optional capabilities (listing people) are separate interfaces a source may also implement.
import type { Person } from '../model/person.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import type { TimetableEvent } from '../model/timetable-event.ts';

/**
 * What a read found. Two different answers, never confused with each other or with a failure:
 * - `timetable`: the source knows the person; `events` (possibly empty) is their whole timetable in the window.
 *   An empty list is a real answer, but the planner still holds a plan that would empty a calendar that has our
 *   events (the StorageEmpty safety stop) until an admin approves it.
 * - `unknown-person`: the source has no such person (left the institution, typo in an id, not yet exported). The
 *   engine does not plan at all: nothing is deleted, and the person's status says "not in the timetable source".
 *   Removing a departed person's events is an admin's explicit `purge`.
 * A failure to read is a rejected promise with a SourceError, never either of these.
 */
export type SourceResult =
  | {
      readonly kind: 'timetable';
      /** The person as the source knows them (its mailbox may be newer than the store's). */
      readonly person: Person;
      /** Events overlapping the window, cancelled ones included (the mapper leaves those out). */
      readonly events: readonly TimetableEvent[];
      /**
       * Set by a source that can tell (a feed answered 304, a file did not change): exactly the events its previous
       * read of this person returned. The engine may then skip planning when that read was written in full.
       */
      readonly unchanged?: boolean;
    }
  | { readonly kind: 'unknown-person'; readonly personId: string };

export interface ReadOptions {
  readonly signal?: AbortSignal;
}

export interface TimetableSource {
  /** For messages and status pages, e.g. `JSON file /srv/timetable.json`. */
  readonly description: string;
  /** Rejects with a SourceError when the timetable cannot be known. */
  read(person: Person, window: SyncWindow, options?: ReadOptions): Promise<SourceResult>;
}

/** A source that knows who its people are (the JSON file, a push API) and can tell the engine whom to sync. */
export interface ListsPeople {
  /** Rejects with a SourceError when the list cannot be known (never an empty list on failure). */
  listPeople(options?: ReadOptions): Promise<readonly Person[]>;
}

export function canListPeople<T extends TimetableSource>(source: T): source is T & ListsPeople {
  return typeof (source as Partial<ListsPeople>).listPeople === 'function';
}

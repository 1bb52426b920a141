// One person's timetable as a source returned it: the canonical events of that person inside the sync window.
import type { Person } from './person.ts';
import type { TimetableEvent } from './timetable-event.ts';

export interface Timetable {
  readonly person: Person;
  /** Every occurrence the source knows in the window, cancelled ones included (the mapper leaves those out). */
  readonly events: readonly TimetableEvent[];
}

// A timetable event as it should be in the calendar: the mapped Graph payload and its content hash. The mapper
// makes these; the planner compares them with the stored state and the calendar.
import type { Event } from '@microsoft/microsoft-graph-types';

export interface DesiredEvent {
  readonly sourceKey: string;
  /** The full Graph event to POST (create) or PATCH (update), marker and hash properties included. */
  readonly payload: Event;
  /** Hash of the payload without its extended properties; also carried on the event itself. */
  readonly contentHash: string;
  /** UTC ISO instants of the event. */
  readonly startUtc: string;
  readonly endUtc: string;
}

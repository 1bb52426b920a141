// The shared model: the canonical timetable event every source produces, the person, the sync window, what the
// store remembers per event (EventState), what the mapper hands the planner (DesiredEvent), what a calendar
// listing yields (RemoteEvent), the JSON timetable format's validation, and the project's error root.
//
// - TimetableEvent, EventSpan (timed in an IANA zone, or all-day dates), Timetable, Person
// - parseTimetableDocument(json) → every person's timetable, or every problem (person id, event id, key path)
// - parseTimetableOutline / parsePersonEvents: the same, a person at a time (the JSON file source)
// - syncWindow(now, pastDays, futureDays), overlapsWindow(span, window), eventInstants(span)
// - TimetableSyncError (code + message), ValidationProblem and the zod-issue translation
export type { DesiredEvent } from './desired-event.ts';
export type { UtcSpan } from './event-instants.ts';
export { eventInstants } from './event-instants.ts';
export type { EventState } from './event-state.ts';
export { isHttpUrl } from './http-url.ts';
export { isIanaZone } from './local-time.ts';
export type { AuthMode, Person } from './person.ts';
export type { RemoteEvent } from './remote-event.ts';
export type { SyncWindow } from './sync-window.ts';
export { overlapsWindow, syncWindow } from './sync-window.ts';
export type { Timetable } from './timetable.ts';
export type { DocumentResult, OutlineResult, PersonEntry, TimetableOutline } from './timetable-document.ts';
export { parsePersonEvents, parseTimetableDocument, parseTimetableOutline } from './timetable-document.ts';
export type {
  AllDaySpan,
  EventLocation,
  EventSpan,
  EventStatus,
  LocalDate,
  LocalDateTime,
  TimedSpan,
  TimetableEvent,
} from './timetable-event.ts';
export type { EventContext, EventsResult } from './timetable-event-json.ts';
export { parseTimetableEvents } from './timetable-event-json.ts';
export type { TimetableProblem } from './timetable-problem.ts';
export { describeProblem, TimetableValidationError } from './timetable-problem.ts';
export { TimetableSyncError } from './timetable-sync-error.ts';
export type { ValidationProblem } from './validation-problem.ts';
export { describeValue, formatPath, joinPath, problemsFromZod } from './validation-problem.ts';

// Timetable sources: the read-only port the engine reads desired events through, and its adapters.
//
// - TimetableSource.read(person, window) → SourceResult: `timetable` (known person, events in the window, maybe
//   none) or `unknown-person`; a failure is a rejected SourceError (code SOURCE_UNREADABLE, SOURCE_MALFORMED or
//   SOURCE_INVALID_EVENTS), never an empty list.
// - ListsPeople.listPeople() (optional capability; test with canListPeople(source)).
// - createSource(config.source) → the configured adapter; createJsonFileSource(path) for `source.type: json`.
// - createMyTimetableSource(options) for `source.type: mytimetable` (src/source/mytimetable/: paging, the elevated
//   token and requestedAuth, username rules, a shared request rate).
// - createIcsSource(config, {fetch?, onWarning?}) for `source.type: ics` (src/source/ics/: a folder of <id>.ics files
//   or a URL template; VTIMEZONE, Windows zone names, recurrence expanded into keyed occurrences, conditional
//   requests; an unchanged feed reads as `unchanged: true`).
// - filterToWindow(events, window): what every adapter applies before returning.
export { createSource } from './create-source.ts';
export { filterToWindow } from './filter-to-window.ts';
export type { IcsSourceOptions, IcsWarning } from './ics/ics-source.ts';
export { createIcsSource } from './ics/ics-source.ts';
export type { IcsSourceConfig } from './ics/ics-source-config.ts';
export type { JsonFileSource } from './json-file-source.ts';
export { createJsonFileSource } from './json-file-source.ts';
export type { MyTimetableSourceConfig } from './mytimetable/mytimetable-config.ts';
export type { MyTimetableOptions } from './mytimetable/mytimetable-source.ts';
export { createMyTimetableSource, createMyTimetableSourceFrom } from './mytimetable/mytimetable-source.ts';
export type { SourceErrorCode } from './source-error.ts';
export { SourceError } from './source-error.ts';
export type { ListsPeople, ReadOptions, SourceResult, TimetableSource } from './timetable-source.ts';
export { canListPeople } from './timetable-source.ts';

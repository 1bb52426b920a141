// The JSON form of one event (the JSON file source and the push API take it) and its conversion into the canonical
// TimetableEvent, reporting every problem with the person, the event and the field.
import { z } from 'zod';
import { isHttpUrl } from './http-url.ts';
import { epochMillis, isIanaZone, nextDay, parseTime } from './local-time.ts';
import type { EventLocation, EventSpan, TimetableEvent } from './timetable-event.ts';
import type { TimetableProblem } from './timetable-problem.ts';
import { joinPath, problemsFromZod } from './validation-problem.ts';

const optionalText = z.string().nullish();
const httpUrl = z.string().refine(isHttpUrl, 'must be an http or https URL');

// Sanity limits on what a timetable may hold, the same for the JSON file and the push API. A subject longer than
// Outlook's 255 characters would be cut there; one name (a room, a lecturer, a group) is never longer.
const MAX_TEXT = 255;
// Graph takes bodies of megabytes; a timetable note beyond this is a mistake (a whole document pasted in).
const MAX_NOTES = 32_000;
const MAX_LIST = 100;
// Years an event may fall in: anything else (0001, 9999) is a typo or a placeholder, never a lecture.
const EARLIEST_YEAR = 1900;
const LATEST_YEAR = 2200;

const shortText = z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);
const shortTexts = z.array(shortText).max(MAX_LIST, `must have at most ${MAX_LIST} entries`);

const eventJson = z.strictObject({
  id: z.string().min(1, 'must not be empty').max(1024, 'must be at most 1024 characters'),
  start: z.string(),
  end: z.string().nullish(),
  timeZone: z.string().nullish(),
  allDay: z.boolean().nullish(),
  title: shortText.nullish(),
  courseCode: optionalText,
  activityType: optionalText,
  activityTypeColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1e90ff')
    .nullish(),
  locations: z
    .array(z.union([shortText, z.strictObject({ name: shortText, url: httpUrl.nullish() })]))
    .max(MAX_LIST, `must have at most ${MAX_LIST} entries`)
    .nullish(),
  staff: shortTexts.nullish(),
  groups: shortTexts.nullish(),
  notes: z.string().max(MAX_NOTES, `must be at most ${MAX_NOTES} characters`).nullish(),
  onlineMeetingUrl: httpUrl.nullish(),
  status: z.enum(['confirmed', 'cancelled']).nullish(),
});

type EventJson = z.infer<typeof eventJson>;

export interface EventContext {
  readonly personId: string | null;
  /** The document's `timeZone`, for events that give none. */
  readonly defaultTimeZone: string | null;
  /** Key path of the events list, e.g. `people[0].events`. */
  readonly path: string;
}

export type EventsResult =
  | { readonly ok: true; readonly events: readonly TimetableEvent[] }
  | { readonly ok: false; readonly problems: readonly TimetableProblem[] };

/** Validates a person's `events` list; ids must be unique within it. */
export function parseTimetableEvents(raw: unknown, context: EventContext): EventsResult {
  if (!Array.isArray(raw)) {
    const message = raw === undefined ? 'is required (a list of events)' : 'must be a list of events';
    return { ok: false, problems: [{ path: context.path, message, personId: context.personId, eventId: null }] };
  }
  const problems: TimetableProblem[] = [];
  const events: TimetableEvent[] = [];
  const firstIndexById = new Map<string, number>();
  raw.forEach((item, index) => {
    const path = `${context.path}[${index}]`;
    const parsed = eventJson.safeParse(item, { reportInput: true });
    const eventId = idOf(item);
    const located = (problem: { path: string; message: string }): TimetableProblem => ({
      ...problem,
      personId: context.personId,
      eventId,
    });
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error, path).map(located));
      return;
    }
    const first = firstIndexById.get(parsed.data.id);
    if (first !== undefined) {
      const message = `duplicate id (also at ${context.path}[${first}].id)`;
      problems.push(located({ path: `${path}.id`, message }));
      return;
    }
    firstIndexById.set(parsed.data.id, index);
    const event = toCanonical(parsed.data, context.defaultTimeZone, path, (problem) => problems.push(located(problem)));
    if (event !== null) events.push(event);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, events };
}

function idOf(item: unknown): string | null {
  const id = (item as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

type Report = (problem: { path: string; message: string }) => void;

function toCanonical(json: EventJson, defaultZone: string | null, path: string, report: Report): TimetableEvent | null {
  const when = toSpan(json, defaultZone, path, report);
  if (when === null) return null;
  return {
    id: json.id,
    when,
    title: json.title ?? '',
    courseCode: nonEmpty(json.courseCode),
    activityType: nonEmpty(json.activityType),
    activityTypeColor: nonEmpty(json.activityTypeColor),
    locations: (json.locations ?? []).map(toLocation).filter((location) => location.name !== ''),
    staff: (json.staff ?? []).filter((name) => name.trim() !== ''),
    groups: (json.groups ?? []).filter((name) => name.trim() !== ''),
    notes: nonEmpty(json.notes),
    onlineMeetingUrl: nonEmpty(json.onlineMeetingUrl),
    status: json.status ?? 'confirmed',
  };
}

function nonEmpty(text: string | null | undefined): string | null {
  return text === undefined || text === null || text.trim() === '' ? null : text;
}

function toLocation(location: string | { name: string; url?: string | null | undefined }): EventLocation {
  return typeof location === 'string'
    ? { name: location.trim(), url: null }
    : { name: location.name.trim(), url: location.url ?? null };
}

function toSpan(json: EventJson, defaultZone: string | null, path: string, report: Report): EventSpan | null {
  const zone = json.timeZone ?? defaultZone;
  if (zone === null) {
    report({ path: joinPath(path, 'timeZone'), message: 'is required: set timeZone on the event or on the document' });
    return null;
  }
  if (!isIanaZone(zone)) {
    const where = json.timeZone ? joinPath(path, 'timeZone') : 'timeZone';
    report({ path: where, message: `must be an IANA time zone like Europe/Amsterdam (got ${JSON.stringify(zone)})` });
    return null;
  }
  const start = parseTime(json.start, zone);
  const end = json.end === null || json.end === undefined ? null : parseTime(json.end, zone);
  let broken = false;
  for (const [field, parsed, text] of [['start', start, json.start] as const, ['end', end, json.end] as const]) {
    if (parsed?.kind === 'invalid') {
      report({ path: joinPath(path, field), message: `${parsed.reason} (got ${JSON.stringify(text)})` });
      broken = true;
    } else if (parsed !== null && !withinYears(parsed.kind === 'date' ? parsed.date : parsed.dateTime)) {
      const message = `must be between the years ${EARLIEST_YEAR} and ${LATEST_YEAR} (got ${JSON.stringify(text)})`;
      report({ path: joinPath(path, field), message });
      broken = true;
    }
  }
  if (broken) return null;
  const allDay = json.allDay ?? start.kind === 'date';
  return allDay ? allDaySpan(json, start, end, zone, path, report) : timedSpan(json, start, end, zone, path, report);
}

/** `local` is `YYYY-MM-DD…`, in the event's zone (an instant with an offset was converted into it). */
function withinYears(local: string): boolean {
  const year = Number(local.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
}

type Parsed = ReturnType<typeof parseTime>;

function allDaySpan(json: EventJson, start: Parsed, end: Parsed | null, zone: string, path: string, report: Report) {
  if (start.kind !== 'date' || (end !== null && end.kind !== 'date')) {
    const field = start.kind !== 'date' ? 'start' : 'end';
    report({
      path: joinPath(path, field),
      message: `must be a date like 2026-12-01 for an all-day event (got ${JSON.stringify(json[field])})`,
    });
    return null;
  }
  const endDate = end === null ? nextDay(start.date) : end.date;
  if (endDate <= start.date) {
    const message = `must be after start; an all-day end is exclusive (a one-day event on ${start.date} ends ${nextDay(start.date)}) (got start ${start.date}, end ${endDate})`;
    report({ path: joinPath(path, 'end'), message });
    return null;
  }
  return { allDay: true, startDate: start.date, endDate, timeZone: zone } as const;
}

function timedSpan(json: EventJson, start: Parsed, end: Parsed | null, zone: string, path: string, report: Report) {
  if (start.kind !== 'dateTime') {
    report({
      path: joinPath(path, 'start'),
      message: `must be a date and time like 2026-12-01T09:00 when allDay is false (got ${JSON.stringify(json.start)})`,
    });
    return null;
  }
  if (end === null || end.kind !== 'dateTime') {
    const got = end === null ? 'nothing' : JSON.stringify(json.end);
    report({ path: joinPath(path, 'end'), message: `must be a date and time like 2026-12-01T10:45 (got ${got})` });
    return null;
  }
  if (epochMillis(end.dateTime, zone) < epochMillis(start.dateTime, zone)) {
    report({
      path: joinPath(path, 'end'),
      message: `is before start (got start ${start.dateTime}, end ${end.dateTime})`,
    });
    return null;
  }
  return { allDay: false, start: start.dateTime, end: end.dateTime, timeZone: zone } as const;
}

// One MyTimetable event (`GET /api/v0/timetable`) into the canonical model. MyTimetable gives instants in epoch
// milliseconds and leaves most fields null; every field we use is checked, so a changed API fails loudly with the
// event's index and field instead of turning into wrong or missing events.
import { DateTime } from 'luxon';
import { z } from 'zod';
import { isHttpUrl } from '../../model/http-url.ts';
import type { EventLocation, EventSpan, TimetableEvent } from '../../model/timetable-event.ts';
import type { ValidationProblem } from '../../model/validation-problem.ts';
import { joinPath, problemsFromZod } from '../../model/validation-problem.ts';
import { wallClock } from './wall-clock.ts';

const text = z.string().nullish();
/** Staff members and student sets come as objects with a name (some installations send plain strings). */
const named = z.union([z.string(), z.looseObject({ name: text })]).nullable();
const location = z.looseObject({ name: text, url: text }).nullable();
// Bounded to years 0–9999 (what a Date can show as a wall-clock time), so a wild number is this event's error.
const epochMillis = z
  .number()
  .min(-62_167_219_200_000, 'must be a date after the year 0 (epoch milliseconds)')
  .max(253_402_300_799_999, 'must be a date before the year 10000 (epoch milliseconds)');

const rawEvent = z.looseObject({
  id: z.string().min(1, 'must not be empty'),
  startDate: epochMillis,
  endDate: epochMillis.nullish(),
  allDay: z.boolean().nullish(),
  moduleCode: text,
  activityDescription: text,
  staffMembers: z.array(named).nullish(),
  locations: z.array(location).nullish(),
  studentSets: z.array(named).nullish(),
  activityTypeName: text,
  activityTypeDescription: text,
  activityTypeColor: text,
  notes: text,
  notes2: text,
  notes3: text,
  conferenceUrl: text,
});

type RawEvent = z.infer<typeof rawEvent>;

export type ParsedEvent =
  | { readonly ok: true; readonly event: TimetableEvent; readonly startMs: number }
  | { readonly ok: false; readonly id: string | null; readonly problems: readonly ValidationProblem[] };

/** `path` locates the event in the answer (`[12]`); `timeZone` is the institution's IANA zone. */
export function parseMyTimetableEvent(raw: unknown, path: string, timeZone: string): ParsedEvent {
  const parsed = rawEvent.safeParse(raw, { reportInput: true });
  if (!parsed.success) return { ok: false, id: idOf(raw), problems: problemsFromZod(parsed.error, path) };
  const json = parsed.data;
  const endMs = json.endDate ?? json.startDate;
  if (endMs < json.startDate) {
    const message = `is before startDate (got startDate ${json.startDate}, endDate ${endMs})`;
    return { ok: false, id: json.id, problems: [{ path: joinPath(path, 'endDate'), message }] };
  }
  const event: TimetableEvent = {
    id: json.id,
    when:
      json.allDay === true ? allDaySpan(json.startDate, endMs, timeZone) : timedSpan(json.startDate, endMs, timeZone),
    title: nonEmpty(json.activityDescription) ?? nonEmpty(json.moduleCode) ?? '',
    courseCode: nonEmpty(json.moduleCode),
    activityType: nonEmpty(json.activityTypeName) ?? nonEmpty(json.activityTypeDescription),
    activityTypeColor: hexColor(json.activityTypeColor),
    locations: (json.locations ?? []).flatMap(toLocation),
    staff: names(json.staffMembers),
    groups: names(json.studentSets),
    notes: joinNotes(json),
    onlineMeetingUrl: json.conferenceUrl && isHttpUrl(json.conferenceUrl.trim()) ? json.conferenceUrl.trim() : null,
    status: 'confirmed',
  };
  return { ok: true, event, startMs: json.startDate };
}

function idOf(raw: unknown): string | null {
  const id = (raw as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id !== '' ? id : null;
}

/**
 * Wall-clock times in the institution's zone, so Outlook shows the event in it. In the hour a DST change repeats,
 * a wall-clock time names two instants; there the event keeps its UTC instants instead of becoming an hour off.
 */
function timedSpan(startMs: number, endMs: number, zone: string): EventSpan {
  const start = wallClock(startMs, zone);
  const end = wallClock(endMs, zone);
  if (start === null || end === null) {
    return { allDay: false, start: utc(startMs), end: utc(endMs), timeZone: 'UTC' };
  }
  return { allDay: false, start, end, timeZone: zone };
}

function utc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19);
}

/** Days in the institution's zone; an end at midnight is exclusive, any later time ends that day. */
function allDaySpan(startMs: number, endMs: number, zone: string): EventSpan {
  const start = DateTime.fromMillis(startMs, { zone }).startOf('day');
  const endInstant = DateTime.fromMillis(endMs, { zone });
  let end = endInstant.startOf('day');
  if (end.toMillis() !== endInstant.toMillis()) end = end.plus({ days: 1 });
  if (end <= start) end = start.plus({ days: 1 });
  return {
    allDay: true,
    startDate: start.toFormat('yyyy-MM-dd'),
    endDate: end.toFormat('yyyy-MM-dd'),
    timeZone: zone,
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function hexColor(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return /^#[0-9a-f]{6}$/i.test(trimmed) ? trimmed.toLowerCase() : null;
}

function toLocation(raw: z.infer<typeof location>): EventLocation[] {
  const name = nonEmpty(raw?.name);
  if (name === null) return [];
  const url = nonEmpty(raw?.url);
  return [{ name, url: url !== null && isHttpUrl(url) ? url : null }];
}

function names(list: readonly (string | { name?: string | null | undefined } | null)[] | null | undefined): string[] {
  const result: string[] = [];
  for (const item of list ?? []) {
    const name = nonEmpty(typeof item === 'string' ? item : item?.name);
    if (name !== null) result.push(name);
  }
  return result;
}

function joinNotes(json: RawEvent): string | null {
  const notes = [json.notes, json.notes2, json.notes3].map(nonEmpty).filter((note) => note !== null);
  return notes.length === 0 ? null : notes.join('\n\n');
}

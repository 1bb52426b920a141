// The UTC instants of an event's span: what the window filter, the store and the planner compare.
import { DateTime } from 'luxon';
import type { EventSpan } from './timetable-event.ts';

export interface UtcSpan {
  readonly startUtc: string;
  readonly endUtc: string;
}

/** Reads the local times in the span's zone; a time skipped by a DST change moves forward, as Outlook does. */
export function eventInstants(span: EventSpan): UtcSpan {
  const start = span.allDay ? span.startDate : span.start;
  const end = span.allDay ? span.endDate : span.end;
  return { startUtc: toUtc(start, span.timeZone), endUtc: toUtc(end, span.timeZone) };
}

// A timetable repeats the same few hundred wall-clock times across thousands of events, and a zone lookup costs
// tens of microseconds; remembering the answers keeps an initial sync of 150,000 events cheap.
const converted = new Map<string, string>();
const maxRemembered = 100_000;

function toUtc(local: string, zone: string): string {
  const key = `${zone} ${local}`;
  const known = converted.get(key);
  if (known !== undefined) return known;
  const instant = DateTime.fromISO(local, { zone });
  if (!instant.isValid) throw new RangeError(`not a valid local time in ${zone}: ${local}`);
  const utc = instant.toUTC().toISO() ?? '';
  if (converted.size >= maxRemembered) converted.clear();
  converted.set(key, utc);
  return utc;
}

// Reading the times a timetable gives: a date (`2026-12-01`), a wall-clock time (`2026-12-01T09:00`, read in the
// event's zone) or an instant with an offset (`2026-12-01T08:00:00Z`, converted into the event's zone).
import { DateTime, IANAZone } from 'luxon';
import type { LocalDate, LocalDateTime } from './timetable-event.ts';

export type ParsedTime =
  | { readonly kind: 'date'; readonly date: LocalDate }
  | { readonly kind: 'dateTime'; readonly dateTime: LocalDateTime }
  | { readonly kind: 'invalid'; readonly reason: string };

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const localPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;
const offsetPattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const localFormat = "yyyy-MM-dd'T'HH:mm:ss";

// A timetable names a zone or two for thousands of events, and luxon checks a zone by building an
// Intl.DateTimeFormat each time (tens of microseconds): remember the answers, a bounded number (untrusted input).
const knownZones = new Map<string, boolean>();
const maxKnownZones = 1_000;

export function isIanaZone(zone: string): boolean {
  const known = knownZones.get(zone);
  if (known !== undefined) return known;
  // Windows names (`W. Europe Standard Time`) and offsets are not IANA names even where Intl would take them.
  const valid = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone) && IANAZone.isValidZone(zone);
  if (knownZones.size < maxKnownZones) knownZones.set(zone, valid);
  return valid;
}

/**
 * `zone` must already be a valid IANA name. Whether a date or wall-clock time is real does not depend on the zone
 * (luxon moves a time skipped by DST forward rather than refusing it), so those are checked in UTC, which needs
 * no zone lookup.
 */
export function parseTime(text: string, zone: string): ParsedTime {
  if (datePattern.test(text)) {
    const date = DateTime.fromISO(text, { zone: 'utc' });
    return date.isValid ? { kind: 'date', date: text } : { kind: 'invalid', reason: 'is not a real date' };
  }
  if (localPattern.test(text)) {
    const local = DateTime.fromISO(text, { zone: 'utc' });
    return local.isValid
      ? { kind: 'dateTime', dateTime: text.length === 16 ? `${text}:00` : text.slice(0, 19) }
      : { kind: 'invalid', reason: 'is not a real date and time' };
  }
  if (offsetPattern.test(text)) {
    const instant = DateTime.fromISO(text, { setZone: true });
    return instant.isValid
      ? { kind: 'dateTime', dateTime: instant.setZone(zone).toFormat(localFormat) }
      : { kind: 'invalid', reason: 'is not a real date and time' };
  }
  return { kind: 'invalid', reason: 'must be a date (2026-12-01) or a date and time (2026-12-01T09:00)' };
}

// The same few hundred wall-clock times recur across a timetable's events; a zone lookup costs tens of
// microseconds, so the answers are remembered (as in event-instants.ts), a bounded number.
const instants = new Map<string, number>();
const maxInstants = 100_000;

/** Milliseconds since the epoch of a local date or date-time in `zone`. */
export function epochMillis(local: string, zone: string): number {
  const key = `${zone} ${local}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const millis = DateTime.fromISO(local, { zone }).toMillis();
  if (instants.size >= maxInstants) instants.clear();
  instants.set(key, millis);
  return millis;
}

/** The next calendar day of a `YYYY-MM-DD` date. */
export function nextDay(date: LocalDate): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days: 1 }).toFormat('yyyy-MM-dd');
}

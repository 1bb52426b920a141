// One VEVENT as the expansion sees it: its identity (UID, RECURRENCE-ID, SEQUENCE), where it is in the file, and
// its times read and checked. A value that is not a real date, an unknown zone, or an end before the start is an
// EntryProblem naming the property's line.
import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import {
  type FeedZones,
  isRealDateValue,
  type Moment,
  momentMillis,
  UnknownZoneError,
  wallTextMillis,
} from './ical-times.ts';
import type { ParsedEvent } from './parse-feed.ts';

export class EntryProblem extends Error {
  override readonly name = 'EntryProblem';
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

export interface Entry {
  readonly component: ICAL.Component;
  /** Line of BEGIN:VEVENT. */
  readonly line: number;
  readonly uid: string;
  /** The feed gave no UID: `uid` was derived from the start, summary and location. */
  readonly derivedUid: boolean;
  readonly sequence: number;
  readonly recurrenceId: ICAL.Property | null;
  lineOf(property: string): number;
}

/** How long each occurrence lasts: whole days, a wall-clock span (09:00-10:45 stays so across DST) or exact. */
export type Length =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'wall'; readonly millis: number }
  | { readonly kind: 'exact'; readonly millis: number };

export interface TimeValue {
  readonly tzid: string | null;
  readonly moment: Moment;
  /** ical.js's time, built on first use: only recurrence and zones a feed defines need it. */
  toTime(): ICAL.Time;
}

export function readEntry(event: ParsedEvent): Entry {
  const { component, scanned } = event;
  const lineOf = (property: string) => scanned.propertyLines.get(property.toUpperCase()) ?? scanned.line;
  const rawUid = component.getFirstPropertyValue('uid');
  const uid = typeof rawUid === 'string' ? rawUid.trim() : '';
  const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return {
    component,
    line: scanned.line,
    uid: uid === '' ? derivedUid(component) : uid,
    derivedUid: uid === '',
    sequence: Number.isFinite(sequence) ? sequence : 0,
    recurrenceId: component.getFirstProperty('recurrence-id'),
    lineOf,
  };
}

/** Stable while the event's start, summary and location stay the same. */
function derivedUid(component: ICAL.Component): string {
  const parts = ['dtstart', 'summary', 'location'].map((name) => {
    const property = component.getFirstProperty(name);
    return property === null ? '' : `${String(property.getParameter('tzid') ?? '')};${String(property.toJSON()[3])}`;
  });
  return `derived-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 24)}`;
}

/** A property's single DATE or DATE-TIME value, checked; null when the event has no such property. */
export function readTime(
  entry: Entry,
  name: string,
  zones: FeedZones,
  inheritedTzid: string | null = null,
): TimeValue | null {
  const property = entry.component.getFirstProperty(name);
  if (property === null) return null;
  const values = readTimes(entry, property, zones, inheritedTzid);
  return values[0] ?? null;
}

/**
 * Every value of a DATE, DATE-TIME or PERIOD property (RDATE, EXDATE), checked; a PERIOD gives its start and its
 * end. Times are built from the raw values: ical.js would look each TZID up among all of the feed's components
 * (and again for every value, when the feed defines no such VTIMEZONE).
 */
export function readTimes(
  entry: Entry,
  property: ICAL.Property,
  zones: FeedZones,
  inheritedTzid: string | null = null,
): (TimeValue & { readonly periodEnd: Moment | null; readonly periodLength: number | null })[] {
  const line = entry.lineOf(property.name);
  const upper = property.name.toUpperCase();
  const parameter = property.getParameter('tzid');
  const tzid = typeof parameter === 'string' && parameter.trim() !== '' ? parameter : inheritedTzid;
  const root = entry.component.parent;
  const value = (text: unknown): TimeValue => {
    if (typeof text !== 'string' || !isRealDateValue(text)) {
      throw new EntryProblem(line, `${upper} is not a real date or date and time (got ${JSON.stringify(text)})`);
    }
    // A zone only the feed defines: ical.js applies that VTIMEZONE's rules to this time.
    const definition = text.length > 10 && !text.endsWith('Z') && tzid !== null ? zones.definition(root, tzid) : null;
    let time: ICAL.Time | null = null;
    const toTime = () => {
      if (time !== null) return time;
      time = text.length === 10 ? ICAL.Time.fromDateString(text) : ICAL.Time.fromDateTimeString(text);
      if (definition !== null) time.zone = definition;
      return time;
    };
    const moment = definition === null ? zones.momentOfText(text, tzid) : zones.moment(toTime(), tzid);
    return { tzid, moment, toTime };
  };
  try {
    return property
      .toJSON()
      .slice(3)
      .map((raw: unknown) => {
        const [start, second] = Array.isArray(raw) ? raw : [raw, null];
        const period = typeof second === 'string' ? second : null;
        const periodEnd = period !== null && !/^[-+]?P/.test(period) ? value(period).moment : null;
        const periodLength =
          period !== null && periodEnd === null ? ICAL.Duration.fromString(period).toSeconds() * 1000 : null;
        const { moment, toTime } = value(start);
        return { tzid, moment, toTime, periodEnd, periodLength };
      });
  } catch (error) {
    if (error instanceof EntryProblem) throw error;
    if (error instanceof UnknownZoneError) throw new EntryProblem(line, `${upper}: ${error.message}`);
    throw new EntryProblem(line, `${upper} cannot be read (${(error as Error).message})`);
  }
}

/** The length of an event from DTEND or DURATION (an all-day event without either lasts one day). */
export function readLength(entry: Entry, start: TimeValue, zones: FeedZones): Length {
  const end = readTime(entry, 'dtend', zones, start.tzid);
  if (end !== null) return lengthBetween(start.moment, end.moment, entry.lineOf('dtend'), 'DTEND', zones);
  const duration = entry.component.getFirstPropertyValue('duration');
  if (duration instanceof ICAL.Duration) {
    const millis = duration.toSeconds() * 1000;
    if (millis < 0)
      throw new EntryProblem(entry.lineOf('duration'), `DURATION is negative (got ${duration.toString()})`);
    if (start.moment.kind === 'date') return { kind: 'days', days: Math.max(1, Math.round(millis / 86_400_000)) };
    return { kind: start.moment.kind === 'local' ? 'wall' : 'exact', millis };
  }
  return start.moment.kind === 'date' ? { kind: 'days', days: 1 } : { kind: 'exact', millis: 0 };
}

export function lengthBetween(start: Moment, end: Moment, line: number, what: string, zones: FeedZones): Length {
  if (start.kind === 'date' && end.kind === 'date') {
    const days = Math.round((Date.parse(end.date) - Date.parse(start.date)) / 86_400_000);
    if (days < 0) throw new EntryProblem(line, `${what} is before DTSTART`);
    // DTEND equal to DTSTART on an all-day event (a common export bug) means the one day.
    return { kind: 'days', days: Math.max(1, days) };
  }
  if (start.kind === 'date' || end.kind === 'date') {
    throw new EntryProblem(line, `${what} must be a date when DTSTART is one, and a date and time otherwise`);
  }
  const millis =
    start.kind === 'local' && end.kind === 'local' && start.zone === end.zone
      ? wallTextMillis(end.local) - wallTextMillis(start.local)
      : momentMillis(end, zones.defaultZone) - momentMillis(start, zones.defaultZone);
  if (millis < 0) throw new EntryProblem(line, `${what} is before DTSTART`);
  return { kind: start.kind === 'local' ? 'wall' : 'exact', millis };
}

// The occurrences of one recurring VEVENT up to a limit: DTSTART, then its RRULE (COUNT, UNTIL, INTERVAL and the
// BY… parts, iterated by ical.js in the series' wall clock, so a 09:00 lecture stays at 09:00 across DST), plus
// RDATEs, minus EXDATEs. Each occurrence is named by its original start (`20261201T080000Z`, or `20261201` for a
// day), which is what a RECURRENCE-ID override and an EXDATE point at.
import type ICAL from 'ical.js';
import { type Entry, EntryProblem, type Length, lengthBetween, readTimes, type TimeValue } from './feed-entry.ts';
import { type FeedZones, keyTime, type Moment, momentMillis, wallClockOf } from './ical-times.ts';

export interface Occurrence {
  /** The original start as a key part: what overrides and exclusions refer to. */
  readonly keyTime: string;
  readonly start: Moment;
  /** Set for an RDATE period with its own end; otherwise the series' length applies. */
  readonly length: Length | null;
}

/** A series may not repeat more often than this before the limit (a FREQ=MINUTELY mistake, not a timetable). */
export const MAX_ITERATIONS = 20_000;

export function isRecurring(entry: Entry): boolean {
  return entry.component.hasProperty('rrule') || entry.component.hasProperty('rdate');
}

/** Occurrences starting before `limitMillis`, in no particular order, each once. */
export function expandSeries(entry: Entry, start: TimeValue, zones: FeedZones, limitMillis: number): Occurrence[] {
  const zone = zones.defaultZone;
  const occurrences = new Map<string, Occurrence>();
  const add = (moment: Moment, length: Length | null) => {
    const key = keyTime(moment, zone);
    if (!occurrences.has(key)) occurrences.set(key, { keyTime: key, start: moment, length });
  };
  const rules = entry.component.getAllProperties('rrule');
  if (rules.length === 0) add(start.moment, null);
  for (const property of rules) {
    for (const moment of ruleStarts(entry, property, start, zones, limitMillis)) add(moment, null);
  }
  for (const property of entry.component.getAllProperties('rdate')) {
    for (const value of readTimes(entry, property, zones, start.tzid)) {
      if (momentMillis(value.moment, zone) >= limitMillis) continue;
      const length =
        value.periodEnd !== null
          ? lengthBetween(value.moment, value.periodEnd, entry.lineOf('rdate'), 'RDATE period end', zones)
          : value.periodLength !== null
            ? { kind: 'exact' as const, millis: value.periodLength }
            : null;
      add(value.moment, length);
    }
  }
  const excluded = exclusions(entry, start, zones);
  return [...occurrences.values()].filter(
    (occurrence) =>
      !excluded.keys.has(occurrence.keyTime) &&
      (excluded.dates.size === 0 || !excluded.dates.has(wallDate(occurrence.start, zone))),
  );
}

function* ruleStarts(
  entry: Entry,
  property: ICAL.Property,
  start: TimeValue,
  zones: FeedZones,
  limitMillis: number,
): Generator<Moment> {
  const line = entry.lineOf('rrule');
  const zone = zones.defaultZone;
  let rule: ICAL.Recur;
  try {
    rule = (property.getFirstValue() as ICAL.Recur).clone();
  } catch (error) {
    throw new EntryProblem(line, `RRULE cannot be read (${(error as Error).message})`);
  }
  // UNTIL is compared here, as an instant (ical.js would compare a UTC UNTIL with a zoned start's wall clock).
  const until = rule.until;
  rule.until = null;
  const untilMoment = until === null ? null : zones.moment(until, until.isDate ? null : start.tzid);
  const untilDate = untilMoment?.kind === 'date' ? untilMoment.date : null;
  const untilMillis = untilMoment !== null && untilMoment.kind !== 'date' ? momentMillis(untilMoment, zone) : null;
  let iterator: ICAL.RecurIterator;
  try {
    iterator = rule.iterator(start.toTime());
  } catch (error) {
    throw new EntryProblem(line, `RRULE cannot be used (${(error as Error).message})`);
  }
  for (let count = 0; ; count++) {
    if (count >= MAX_ITERATIONS) {
      throw new EntryProblem(line, `RRULE repeats more than ${MAX_ITERATIONS} times before the end of the sync window`);
    }
    let next: ICAL.Time | null;
    try {
      next = iterator.next();
    } catch (error) {
      throw new EntryProblem(line, `RRULE cannot be expanded (${(error as Error).message})`);
    }
    if (next === null) return;
    const moment = zones.moment(next, start.tzid);
    const millis = momentMillis(moment, zone);
    if (millis >= limitMillis) return;
    if (untilMillis !== null && millis > untilMillis) return;
    if (untilDate !== null && wallDate(moment, zone) > untilDate) return;
    yield moment;
  }
}

/** EXDATE values: occurrences by their key time; a date excluding a timed series removes that whole day. */
function exclusions(entry: Entry, start: TimeValue, zones: FeedZones) {
  const keys = new Set<string>();
  const dates = new Set<string>();
  for (const property of entry.component.getAllProperties('exdate')) {
    for (const value of readTimes(entry, property, zones, start.tzid)) {
      if (value.moment.kind === 'date' && start.moment.kind !== 'date') dates.add(value.moment.date);
      else keys.add(keyTime(value.moment, zones.defaultZone));
    }
  }
  return { keys, dates };
}

/** The calendar date of an occurrence in its own wall clock (an instant: in the default zone). */
function wallDate(moment: Moment, zone: string): string {
  if (moment.kind === 'date') return moment.date;
  if (moment.kind === 'local') return moment.local.slice(0, 10);
  return wallClockOf(moment.millis, zone).local.slice(0, 10);
}

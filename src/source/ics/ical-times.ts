// What a DATE or DATE-TIME value in a feed means: a calendar date (all-day), a wall-clock time in an IANA zone
// (a TZID we can name, or a floating time read in the configured zone), or an instant (UTC, or a zone known only
// from the feed's own VTIMEZONE). Keys and the window compare instants; spans keep wall-clock times where they can.

import type ICAL from 'ical.js';
import { IANAZone } from 'luxon';
import { epochMillis } from '../../model/local-time.ts';
import { ianaZoneFor } from './zone-names.ts';

export type Moment =
  | { readonly kind: 'date'; readonly date: string }
  | { readonly kind: 'local'; readonly local: string; readonly zone: string }
  | { readonly kind: 'instant'; readonly millis: number };

export class UnknownZoneError extends Error {
  override readonly name = 'UnknownZoneError';
}

/** Reads the times of one feed: remembers what each TZID resolved to. */
export class FeedZones {
  readonly defaultZone: string;
  private readonly named = new Map<string, string | null>();
  private readonly definitions = new WeakMap<ICAL.Component, Map<string, ICAL.Timezone | null>>();

  constructor(defaultZone: string) {
    this.defaultZone = defaultZone;
  }

  /**
   * `tzid`: the value's TZID parameter, or for a floating value the zone it inherits (a RECURRENCE-ID in its
   * series' zone); null reads a floating value in the default zone.
   */
  moment(time: ICAL.Time, tzid: string | null): Moment {
    if (time.isDate) return { kind: 'date', date: dateText(time) };
    if (time.zone?.tzid === 'UTC') return { kind: 'instant', millis: wallMillis(time) };
    if (tzid === null) return { kind: 'local', local: localText(time), zone: this.defaultZone };
    const zone = this.ianaZone(tzid);
    if (zone === 'UTC') return { kind: 'instant', millis: wallMillis(time) };
    if (zone !== null) return { kind: 'local', local: localText(time), zone };
    // Only the feed's VTIMEZONE knows this zone (Exchange's `Customized Time Zone`): ical.js applies its rules.
    if (time.zone !== undefined && time.zone !== null && time.zone.tzid === tzid) {
      return { kind: 'instant', millis: time.toUnixTime() * 1000 };
    }
    throw unknownZone(tzid);
  }

  /** The feed's own VTIMEZONE for a TZID no name tells us about (looked up once per calendar), or null. */
  definition(calendar: ICAL.Component | null, tzid: string): ICAL.Timezone | null {
    if (calendar === null || this.ianaZone(tzid) !== null) return null;
    let known = this.definitions.get(calendar);
    if (known === undefined) {
      known = new Map();
      this.definitions.set(calendar, known);
    }
    let definition = known.get(tzid);
    if (definition === undefined) {
      definition = calendar.getTimeZoneByID(tzid);
      known.set(tzid, definition);
    }
    return definition;
  }

  /** The same as `moment` for a raw value (`2026-12-01`, `2026-12-01T09:00:00`, `…Z`) in a zone that has a name. */
  momentOfText(text: string, tzid: string | null): Moment {
    if (text.length === 10) return { kind: 'date', date: text };
    const local = text.slice(0, 19);
    if (text.endsWith('Z')) return { kind: 'instant', millis: wallTextMillis(local) };
    if (tzid === null) return { kind: 'local', local, zone: this.defaultZone };
    const zone = this.ianaZone(tzid);
    if (zone === 'UTC') return { kind: 'instant', millis: wallTextMillis(local) };
    if (zone !== null) return { kind: 'local', local, zone };
    throw unknownZone(tzid);
  }

  ianaZone(tzid: string): string | null {
    let zone = this.named.get(tzid);
    if (zone === undefined) {
      zone = ianaZoneFor(tzid, this.defaultZone);
      this.named.set(tzid, zone);
    }
    return zone;
  }
}

function unknownZone(tzid: string): UnknownZoneError {
  return new UnknownZoneError(
    `unknown time zone ${JSON.stringify(tzid)}: neither an IANA or Windows zone name nor defined by a VTIMEZONE in the feed`,
  );
}

/** Milliseconds since the epoch; a date counts from midnight in `zone`. */
export function momentMillis(moment: Moment, zone: string): number {
  switch (moment.kind) {
    case 'date':
      return epochMillis(moment.date, zone);
    case 'local':
      return epochMillis(moment.local, moment.zone);
    case 'instant':
      return moment.millis;
  }
}

/** The part of a key that names an occurrence: `20261201` for a date, `20261201T080000Z` for a time. */
export function keyTime(moment: Moment, zone: string): string {
  if (moment.kind === 'date') return moment.date.replaceAll('-', '');
  return `${new Date(momentMillis(moment, zone)).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
}

/** The wall clock of an instant in `zone`; UTC when that wall clock is ambiguous there (the hour a DST change repeats). */
export function wallClockOf(millis: number, zone: string): { readonly local: string; readonly zone: string } {
  const offset = offsetMinutes(zone, millis);
  const local = wallText(millis + offset * 60_000);
  // With the same offset three hours either side, no other instant has this wall clock.
  const steady =
    offsetMinutes(zone, millis - 3 * 3_600_000) === offset && offsetMinutes(zone, millis + 3 * 3_600_000) === offset;
  if (steady || epochMillis(local, zone) === millis) return { local, zone };
  return { local: wallText(millis), zone: 'UTC' };
}

// Offsets change only at DST transitions, which fall on a quarter hour: remembering them per quarter hour spares a
// zone lookup (tens of microseconds) for most of a feed's instants. Bounded, like the model's caches.
const offsets = new Map<string, number>();
const maxOffsets = 100_000;

function offsetMinutes(zone: string, millis: number): number {
  const key = `${zone} ${Math.floor(millis / 900_000)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = IANAZone.create(zone).offset(millis);
    if (offsets.size >= maxOffsets) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** A wall-clock text read as if it were UTC: arithmetic on wall clocks without a zone. */
export function wallTextMillis(local: string): number {
  return Date.UTC(
    Number(local.slice(0, 4)),
    Number(local.slice(5, 7)) - 1,
    Number(local.slice(8, 10)),
    Number(local.slice(11, 13)),
    Number(local.slice(14, 16)),
    Number(local.slice(17, 19)),
  );
}

export function wallText(millis: number): string {
  return new Date(millis).toISOString().slice(0, 19);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function wallMillis(time: ICAL.Time): number {
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
}

function dateText(time: ICAL.Time): string {
  return `${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`;
}

function localText(time: ICAL.Time): string {
  return `${dateText(time)}T${pad(time.hour, 2)}:${pad(time.minute, 2)}:${pad(time.second, 2)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

const dateValue = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}Z?)?$/;

/** A DATE or DATE-TIME value as ical.js keeps it raw (`2026-12-01T09:00:00`) that names a real day and time. */
export function isRealDateValue(text: string): boolean {
  if (!dateValue.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(5, 7));
  const day = Number(text.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  return (
    text.length === 10 ||
    (Number(text.slice(11, 13)) < 24 && Number(text.slice(14, 16)) < 60 && Number(text.slice(17, 19)) <= 60)
  );
}

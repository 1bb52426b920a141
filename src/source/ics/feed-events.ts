// From a parsed feed to canonical events in a window: events grouped by UID, duplicates settled, series expanded,
// RECURRENCE-ID overrides put in the place of the occurrence they replace, and each occurrence given its key:
// - a single event: its UID (so moving it is an update);
// - an occurrence of a series: `UID|original start` (`uid|20261201T080000Z`, `uid|20261201` for a day), kept by an
//   override that moves it, so a moved lecture is an update too.
// Duplicate UIDs without RECURRENCE-ID: the highest SEQUENCE wins (then the later DTSTAMP, then the later in the
// file), with a warning; when they all have the same SEQUENCE and different starts (exporters that give every
// occurrence of a course one UID), each is kept as `UID|start`. An event without UID gets a derived key, with a
// warning. An event that cannot be read is a problem naming its line; any problem fails the whole feed.
import type ICAL from 'ical.js';
import { eventInstants } from '../../model/event-instants.ts';
import type { SyncWindow } from '../../model/sync-window.ts';
import { overlapsWindow } from '../../model/sync-window.ts';
import type { EventSpan, TimetableEvent } from '../../model/timetable-event.ts';
import { type EventFields, eventFields } from './event-fields.ts';
import { expandSeries, isRecurring } from './expand-series.ts';
import {
  type Entry,
  EntryProblem,
  type Length,
  readEntry,
  readLength,
  readTime,
  type TimeValue,
} from './feed-entry.ts';
import { addDays, FeedZones, keyTime, type Moment, wallClockOf, wallText, wallTextMillis } from './ical-times.ts';
import type { ParsedFeed } from './parse-feed.ts';

export interface FeedProblem {
  readonly line: number;
  readonly uid: string | null;
  readonly message: string;
}

export interface FeedEvents {
  /** Occurrences overlapping the window, cancelled ones included, ordered by start. */
  readonly events: readonly TimetableEvent[];
  /** Things worked around, each naming its line(s). */
  readonly warnings: readonly string[];
  readonly problems: readonly FeedProblem[];
}

export interface FeedEventsOptions {
  /** IANA zone of floating times and all-day events. */
  readonly defaultZone: string;
  readonly window: SyncWindow;
}

interface Group {
  masters: Entry[];
  overrides: Entry[];
}

/** What to turn into one TimetableEvent. */
interface Slot {
  readonly key: string;
  readonly start: Moment;
  readonly length: Length;
  readonly entry: Entry;
}

export function feedEvents(parsed: ParsedFeed, options: FeedEventsOptions): FeedEvents {
  const zones = new FeedZones(options.defaultZone);
  const problems: FeedProblem[] = [];
  const warnings: string[] = [];
  const groups = new Map<string, Group>();
  const derived: number[] = [];
  for (const event of parsed.events) {
    const entry = readEntry(event);
    if (entry.derivedUid) derived.push(entry.line);
    let group = groups.get(entry.uid);
    if (group === undefined) {
      group = { masters: [], overrides: [] };
      groups.set(entry.uid, group);
    }
    (entry.recurrenceId === null ? group.masters : group.overrides).push(entry);
  }
  if (derived.length > 0) {
    warnings.push(
      `${derived.length} event(s) without UID (${lineList(derived)}): keyed by their start, summary and location, so a change to any of them replaces the event`,
    );
  }
  const limit = Date.parse(options.window.endUtc);
  const slots: Slot[] = [];
  for (const [uid, group] of groups) {
    const first = (group.masters[0] ?? group.overrides[0]) as Entry;
    try {
      slots.push(...groupSlots(uid, group, zones, limit, warnings));
    } catch (error) {
      // ical.js throws plain errors for values it cannot decode: those are the feed's problem too.
      const line = error instanceof EntryProblem ? error.line : first.line;
      const message = error instanceof EntryProblem ? error.message : `cannot be read (${(error as Error).message})`;
      problems.push({ line, uid: first.derivedUid ? null : uid, message });
    }
  }
  const fields = new Map<ICAL.Component, EventFields>();
  const byKey = new Map<string, { readonly event: TimetableEvent; readonly startUtc: string }>();
  for (const slot of slots) {
    if (byKey.has(slot.key)) continue;
    const when = spanOf(slot.start, slot.length, options.defaultZone);
    const instants = eventInstants(when);
    if (!overlapsWindow(instants, options.window)) continue;
    let shared = fields.get(slot.entry.component);
    if (shared === undefined) {
      try {
        shared = eventFields(slot.entry.component);
      } catch (error) {
        problems.push({
          line: slot.entry.line,
          uid: slot.entry.uid,
          message: `cannot be read (${(error as Error).message})`,
        });
        continue;
      }
      fields.set(slot.entry.component, shared);
    }
    byKey.set(slot.key, { event: { id: slot.key, when, ...shared }, startUtc: instants.startUtc });
  }
  const events = [...byKey.values()]
    .sort((a, b) => (a.startUtc < b.startUtc ? -1 : a.startUtc > b.startUtc ? 1 : a.event.id < b.event.id ? -1 : 1))
    .map((built) => built.event);
  return { events, warnings, problems };
}

function groupSlots(uid: string, group: Group, zones: FeedZones, limit: number, warnings: string[]): Slot[] {
  const masters = settleMasters(uid, group.masters, zones, warnings);
  const overrides = settleOverrides(uid, group.overrides, masters.entries[0] ?? null, zones, warnings);
  const slots: Slot[] = [];
  for (const master of masters.entries) {
    const start = requiredStart(master, zones);
    const length = readLength(master, start, zones);
    if (!isRecurring(master)) {
      const key = masters.keyedByStart ? `${uid}|${keyTime(start.moment, zones.defaultZone)}` : uid;
      // An override of a single event (RECURRENCE-ID = its DTSTART) is a newer version of it, under the same key.
      const overrideKey = `${uid}|${keyTime(start.moment, zones.defaultZone)}`;
      const override = overrides.get(overrideKey);
      overrides.delete(overrideKey);
      const entry = override ?? master;
      const time = override === undefined ? start : requiredStart(override, zones);
      slots.push({ key, start: time.moment, length: readLength(entry, time, zones), entry });
      continue;
    }
    for (const occurrence of expandSeries(master, start, zones, limit)) {
      const key = `${uid}|${occurrence.keyTime}`;
      if (overrides.has(key)) continue;
      slots.push({ key, start: occurrence.start, length: occurrence.length ?? length, entry: master });
    }
  }
  // Every override stands in its own slot: in place of the occurrence it replaces, or (its master missing, or its
  // original start past the window) on its own, still keyed by that original start.
  const fallback = masters.entries[0];
  for (const [key, override] of overrides) {
    const start = requiredStart(override, zones);
    const length =
      override.component.hasProperty('dtend') || override.component.hasProperty('duration') || fallback === undefined
        ? readLength(override, start, zones)
        : readLength(fallback, requiredStart(fallback, zones), zones);
    slots.push({ key, start: start.moment, length, entry: override });
  }
  return slots;
}

function requiredStart(entry: Entry, zones: FeedZones): TimeValue {
  const start = readTime(entry, 'dtstart', zones);
  if (start === null) throw new EntryProblem(entry.line, 'the event has no DTSTART');
  return start;
}

/** The masters to use: one (the newest version), or every one when they are distinct occurrences under one UID. */
function settleMasters(
  uid: string,
  masters: readonly Entry[],
  zones: FeedZones,
  warnings: string[],
): { entries: readonly Entry[]; keyedByStart: boolean } {
  if (masters.length <= 1) return { entries: masters, keyedByStart: false };
  const lines = lineList(masters.map((entry) => entry.line));
  const starts = new Set(masters.map((entry) => keyTime(requiredStart(entry, zones).moment, zones.defaultZone)));
  const sameSequence = masters.every((entry) => entry.sequence === masters[0]?.sequence);
  if (sameSequence && starts.size === masters.length && !masters.some(isRecurring)) {
    warnings.push(`UID ${uid} is used by ${masters.length} events (${lines}): each is kept, keyed by UID and start`);
    return { entries: masters, keyedByStart: true };
  }
  const winner = newest(masters);
  if (!winner.derivedUid) {
    warnings.push(
      `UID ${uid} appears ${masters.length} times without RECURRENCE-ID (${lines}): the one with the highest SEQUENCE (line ${winner.line}) is used`,
    );
  }
  return { entries: [winner], keyedByStart: false };
}

/** Overrides by occurrence key; of two for the same occurrence, the newest wins. */
function settleOverrides(
  uid: string,
  overrides: readonly Entry[],
  master: Entry | null,
  zones: FeedZones,
  warnings: string[],
): Map<string, Entry> {
  if (overrides.length === 0) return new Map();
  const byKey = new Map<string, Entry[]>();
  // A floating RECURRENCE-ID is in its series' zone.
  const seriesTzid = master === null ? null : (readTime(master, 'dtstart', zones)?.tzid ?? null);
  for (const override of overrides) {
    const recurrence = readTime(override, 'recurrence-id', zones, seriesTzid);
    if (recurrence === null) continue;
    const key = `${uid}|${keyTime(recurrence.moment, zones.defaultZone)}`;
    byKey.set(key, [...(byKey.get(key) ?? []), override]);
  }
  const settled = new Map<string, Entry>();
  for (const [key, entries] of byKey) {
    const winner = newest(entries);
    if (entries.length > 1) {
      warnings.push(
        `${entries.length} overrides of ${key} (${lineList(entries.map((entry) => entry.line))}): the one with the highest SEQUENCE (line ${winner.line}) is used`,
      );
    }
    settled.set(key, winner);
  }
  return settled;
}

function newest(entries: readonly Entry[]): Entry {
  let best = entries[0] as Entry;
  for (const entry of entries.slice(1)) {
    const order = entry.sequence - best.sequence || stamp(entry) - stamp(best);
    if (order >= 0) best = entry;
  }
  return best;
}

/** LAST-MODIFIED, else DTSTAMP, in seconds; 0 when neither can be read (they only break ties). */
function stamp(entry: Entry): number {
  for (const name of ['last-modified', 'dtstamp']) {
    try {
      const value = entry.component.getFirstPropertyValue(name) as ICAL.Time | null;
      if (value !== null && typeof value === 'object' && 'toUnixTime' in value) return value.toUnixTime();
    } catch (error) {
      if (!(error instanceof Error)) throw error;
    }
  }
  return 0;
}

/** The span of one occurrence: dates for all-day, wall-clock times in an IANA zone otherwise. */
function spanOf(start: Moment, length: Length, zone: string): EventSpan {
  if (start.kind === 'date') {
    const days = length.kind === 'days' ? length.days : 1;
    return { allDay: true, startDate: start.date, endDate: addDays(start.date, days), timeZone: zone };
  }
  const millis = length.kind === 'days' ? length.days * 86_400_000 : length.millis;
  if (start.kind === 'local') {
    const end = wallText(wallTextMillis(start.local) + millis);
    return { allDay: false, start: start.local, end, timeZone: start.zone };
  }
  const from = wallClockOf(start.millis, zone);
  const to = wallClockOf(start.millis + millis, from.zone);
  if (to.zone !== from.zone) {
    return { allDay: false, start: wallText(start.millis), end: wallText(start.millis + millis), timeZone: 'UTC' };
  }
  return { allDay: false, start: from.local, end: to.local, timeZone: from.zone };
}

function lineList(lines: readonly number[]): string {
  const shown = lines.slice(0, 5).join(', ');
  return `line${lines.length > 1 ? 's' : ''} ${shown}${lines.length > 5 ? ', …' : ''}`;
}

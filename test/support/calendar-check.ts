// What an admin checks in a mailbox after a sync, through the emulator's inspection API: each desired event of
// ours exactly once (by marker) with the timetable's current content, nothing else of ours, the owner's own events
// exactly as they were, and no event written by the app without our marker. Problems come back as readable lines.
import { isDeepStrictEqual } from 'node:util';
import {
  CONTENT_HASH_PROPERTY_ID,
  desiredEvents,
  isPropertyId,
  SOURCE_KEY_PROPERTY_ID,
} from '../../src/mapping/index.ts';
import { modifiedSinceCreated } from '../../src/mapping/marker-query.ts';
import type { DesiredEvent } from '../../src/model/desired-event.ts';
import type { Person } from '../../src/model/person.ts';
import { syncWindow } from '../../src/model/sync-window.ts';
import type { Engine } from '../../src/sync/engine.ts';
import type { TestEmulator } from './emulator.ts';

export interface InspectedEvent {
  readonly id: string;
  readonly subject: string;
  readonly changeKey: string;
  readonly createdDateTime: string;
  readonly lastModifiedDateTime: string;
  readonly start: { readonly dateTime: string; readonly timeZone: string };
  readonly end: { readonly dateTime: string; readonly timeZone: string };
  readonly body: { readonly contentType: string; readonly content: string };
  readonly singleValueExtendedProperties?: readonly { readonly id: string; readonly value: string }[];
  readonly writtenBy: { readonly kind: 'application' | 'owner' };
  readonly createdBy: { readonly kind: 'application' | 'owner' };
}

export async function inspectMailbox(emulator: TestEmulator, upn: string): Promise<InspectedEvent[]> {
  const response = await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events`);
  if (response.status !== 200) throw new Error(`inspecting ${upn}: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { value: InspectedEvent[] }).value;
}

/** The owner acts in Outlook: POST, PATCH or DELETE through the inspection routes. */
export async function actAsOwner(
  emulator: TestEmulator,
  upn: string,
  method: 'POST' | 'PATCH' | 'DELETE',
  body?: unknown,
  eventId?: string,
): Promise<InspectedEvent | undefined> {
  const path = `${emulator.url}/_emulator/mailboxes/${upn}/events${eventId ? `/${encodeURIComponent(eventId)}` : ''}`;
  const response = await emulator.fetch(path, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : ((await response.json()) as InspectedEvent);
}

export function propertyOf(event: InspectedEvent, id: string): string | undefined {
  return event.singleValueExtendedProperties?.find((p) => isPropertyId(p.id, id))?.value;
}

/** The source key our marker names, or undefined for an event that is not ours. */
export function markerKey(event: InspectedEvent): string | undefined {
  return propertyOf(event, SOURCE_KEY_PROPERTY_ID);
}

export function markerHash(event: InspectedEvent): string | undefined {
  return propertyOf(event, CONTENT_HASH_PROPERTY_ID);
}

export const ours = (events: readonly InspectedEvent[]) => events.filter((e) => markerKey(e) !== undefined);
export const foreign = (events: readonly InspectedEvent[]) => events.filter((e) => markerKey(e) === undefined);

/** The events the engine should have written for a person now: the timetable, read and mapped as the engine does. */
export async function desiredNow(
  engine: Pick<Engine, 'config' | 'source'>,
  person: Person,
  now = new Date(),
): Promise<DesiredEvent[]> {
  const window = syncWindow(now, engine.config.sync.pastDays, engine.config.sync.futureDays);
  const read = await engine.source.read(person, window);
  if (read.kind !== 'timetable') throw new Error(`${person.id} is not in the timetable`);
  return desiredEvents(read.events, engine.config.mapping);
}

/** Everything wrong with one person's mailbox now: their timetable as the engine reads it, against the calendar. */
export async function mailboxProblems(
  emulator: TestEmulator,
  engine: Pick<Engine, 'config' | 'source'>,
  person: { readonly personId: string; readonly upn: string },
  foreignBefore: readonly InspectedEvent[],
): Promise<string[]> {
  const desired = await desiredNow(engine, { id: person.personId, mailbox: person.upn });
  return calendarProblems(await inspectMailbox(emulator, person.upn), desired, { foreign: foreignBefore });
}

export interface CalendarExpectations {
  /** The owner's own events as they must still be, byte for byte. */
  readonly foreign: readonly InspectedEvent[];
  /** Desired keys that must not be in the calendar (the user deleted them; policy `respect`). */
  readonly mustBeAbsent?: ReadonlySet<string>;
  /** Desired keys that may be absent (the user deleted them where the engine cannot know which version). */
  readonly mayBeAbsent?: ReadonlySet<string>;
  /**
   * Desired keys whose copy may keep an owner's edit of a version the engine never recorded, but only while the
   * event cannot show that edit: its `lastModifiedDateTime` within the create tolerance of `createdDateTime`.
   */
  readonly mayKeepUnseenOwnerEdit?: ReadonlySet<string>;
}

/** Everything wrong with a mailbox, one line each; empty when it is exactly as expected. */
export function calendarProblems(
  events: readonly InspectedEvent[],
  desired: readonly DesiredEvent[],
  expect: CalendarExpectations,
): string[] {
  const problems: string[] = [];
  const copies = new Map<string, InspectedEvent[]>();
  for (const event of ours(events)) {
    const key = markerKey(event) as string;
    copies.set(key, [...(copies.get(key) ?? []), event]);
  }
  for (const want of desired) {
    const found = copies.get(want.sourceKey) ?? [];
    copies.delete(want.sourceKey);
    if (expect.mustBeAbsent?.has(want.sourceKey)) {
      if (found.length > 0) problems.push(`${want.sourceKey}: the user deleted it, but it is back`);
      continue;
    }
    if (found.length === 0) {
      if (!expect.mayBeAbsent?.has(want.sourceKey)) problems.push(`${want.sourceKey}: missing`);
      continue;
    }
    if (found.length > 1) problems.push(`${want.sourceKey}: ${found.length} copies`);
    for (const event of found) problems.push(...contentProblems(event, want, expect));
  }
  for (const [key, extra] of copies) problems.push(`${key}: ${extra.length} event(s) of ours not in the timetable`);

  problems.push(...safetyProblems(events, expect.foreign, { duplicates: false }));
  return problems;
}

/**
 * What must hold after every run, finished, failed or killed: the owner's events exactly as they were, no event
 * written by the app without our marker, and (unless told otherwise) never two copies of one of ours.
 */
export function safetyProblems(
  events: readonly InspectedEvent[],
  foreignBefore: readonly InspectedEvent[],
  options: { readonly duplicates: boolean } = { duplicates: true },
): string[] {
  const problems: string[] = [];
  const byId = new Map(events.map((e) => [e.id, e]));
  for (const before of foreignBefore) {
    const now = byId.get(before.id);
    if (!now) problems.push(`foreign event ${before.subject} (${before.id}) was deleted`);
    else if (!isDeepStrictEqual(now, before)) problems.push(`foreign event ${before.subject} (${before.id}) changed`);
  }
  for (const event of events) {
    const app = event.writtenBy.kind === 'application' || event.createdBy.kind === 'application';
    if (app && markerKey(event) === undefined) problems.push(`the app wrote ${event.subject} without our marker`);
  }
  if (options.duplicates) {
    const keys = ours(events).map((e) => markerKey(e));
    const twice = keys.filter((key, i) => keys.indexOf(key) !== i);
    for (const key of new Set(twice)) problems.push(`${key}: more than one copy`);
  }
  return problems;
}

function contentProblems(event: InspectedEvent, want: DesiredEvent, expect: CalendarExpectations): string[] {
  const problems: string[] = [];
  const key = want.sourceKey;
  if (markerHash(event) !== want.contentHash) problems.push(`${key}: holds old content (hash ${markerHash(event)})`);
  const unseenEdit = event.writtenBy.kind === 'owner' && !modifiedSinceCreated(event);
  if (expect.mayKeepUnseenOwnerEdit?.has(key) === true && unseenEdit) return problems;
  if (event.subject !== want.payload.subject) problems.push(`${key}: subject "${event.subject}"`);
  if (event.body.content !== want.payload.body?.content) problems.push(`${key}: body differs`);
  if (
    instant(event.start.dateTime) !== Date.parse(want.startUtc) ||
    instant(event.end.dateTime) !== Date.parse(want.endUtc)
  ) {
    problems.push(`${key}: at ${event.start.dateTime}–${event.end.dateTime}, wanted ${want.startUtc}–${want.endUtc}`);
  }
  return problems;
}

/** `2026-12-01T08:00:00.0000000` (UTC, as inspection returns it) → milliseconds since the epoch. */
function instant(utcWallClock: string): number {
  return Date.parse(`${utcWallClock.slice(0, 23)}Z`);
}

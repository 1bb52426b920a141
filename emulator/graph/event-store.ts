// Creating, changing and deleting events in a mailbox, for Graph callers and for the mailbox owner alike (the
// inspection API and the seed write "as the owner" through the same validation). Every write gets a new change
// key and bumps the mailbox version that listing caches are keyed on.
import type { EmulatorContext } from '../context.ts';
import type { Tenant, User } from '../directory.ts';
import type { Mailbox, StoredEvent, Writer } from '../mailboxes.ts';
import { newChangeKey, newEventId, newICalUId } from './event-ids.ts';
import { readEventInput } from './event-input.ts';
import { eventTimes } from './event-times.ts';
import { mergeExtendedProperties } from './extended-properties.ts';
import { GraphError, itemNotFound } from './graph-error.ts';
import { formatGraphTimestamp } from './time-zones.ts';

/** One user's mailbox, with the directory entries it belongs to. */
export interface MailboxScope {
  readonly tenant: Tenant;
  readonly user: User;
  readonly mailbox: Mailbox;
}

const versions = new WeakMap<Mailbox, number>();

/** Changes on every write to the mailbox's events, so cached listings know when they are stale. */
export function mailboxVersion(mailbox: Mailbox): number {
  return versions.get(mailbox) ?? 0;
}

function touch(context: EmulatorContext, mailbox: Mailbox): void {
  versions.set(mailbox, mailboxVersion(mailbox) + 1);
  context.changed();
}

export interface CreateResult {
  readonly event: StoredEvent;
  /** False when a create with the same transactionId already made this event. */
  readonly created: boolean;
}

export function createEvent(
  context: EmulatorContext,
  scope: MailboxScope,
  body: unknown,
  writer: Writer,
  calendarId: string = defaultCalendarId(scope.mailbox),
): CreateResult {
  const { mailbox } = scope;
  requireCalendar(mailbox, calendarId);
  const input = readEventInput(body, 'create');
  if (input.transactionId !== undefined) {
    const existing = mailbox.events.get(mailbox.transactionIds.get(input.transactionId) ?? '');
    if (existing) return { event: existing, created: false };
  }
  const times = eventTimes(input.fields);
  const now = formatGraphTimestamp(Date.now());
  const event: StoredEvent = {
    id: newEventId(scope.user.id),
    changeKey: newChangeKey(),
    createdDateTime: now,
    lastModifiedDateTime: now,
    calendarId,
    iCalUId: newICalUId(),
    transactionId: input.transactionId ?? null,
    startUtc: times.startUtc,
    endUtc: times.endUtc,
    fields: input.fields,
    extendedProperties: input.extendedProperties ?? [],
    writtenBy: writer,
    createdBy: writer,
  };
  mailbox.events.set(event.id, event);
  if (input.transactionId !== undefined) mailbox.transactionIds.set(input.transactionId, event.id);
  touch(context, mailbox);
  return { event, created: true };
}

export function updateEvent(
  context: EmulatorContext,
  scope: MailboxScope,
  id: string,
  body: unknown,
  writer: Writer,
  ifMatch?: string,
  calendarId?: string,
): StoredEvent {
  const event = findEvent(scope, id, calendarId);
  checkIfMatch(event, ifMatch);
  const input = readEventInput(body, 'update');
  const fields = { ...event.fields, ...input.fields };
  const times = eventTimes(fields);
  event.fields = fields;
  if (input.extendedProperties) {
    event.extendedProperties = mergeExtendedProperties(event.extendedProperties, input.extendedProperties);
  }
  event.startUtc = times.startUtc;
  event.endUtc = times.endUtc;
  event.changeKey = newChangeKey();
  event.lastModifiedDateTime = formatGraphTimestamp(Date.now());
  event.writtenBy = writer;
  touch(context, scope.mailbox);
  return event;
}

export function deleteEvent(
  context: EmulatorContext,
  scope: MailboxScope,
  id: string,
  ifMatch?: string,
  calendarId?: string,
): void {
  const event = findEvent(scope, id, calendarId);
  checkIfMatch(event, ifMatch);
  scope.mailbox.events.delete(event.id);
  if (event.transactionId !== null && scope.mailbox.transactionIds.get(event.transactionId) === event.id) {
    scope.mailbox.transactionIds.delete(event.transactionId);
  }
  touch(context, scope.mailbox);
}

/** The event, or Graph's 404 (also when it lives in another calendar than the one addressed). */
export function findEvent(scope: MailboxScope, id: string, calendarId?: string): StoredEvent {
  const event = scope.mailbox.events.get(id);
  if (!event || (calendarId !== undefined && event.calendarId !== calendarId)) throw itemNotFound();
  return event;
}

export function defaultCalendarId(mailbox: Mailbox): string {
  const calendar = mailbox.calendars.find((c) => c.isDefaultCalendar) ?? mailbox.calendars[0];
  if (!calendar) throw new Error(`mailbox ${mailbox.userId} has no calendar`);
  return calendar.id;
}

export function requireCalendar(mailbox: Mailbox, calendarId: string): void {
  if (!mailbox.calendars.some((c) => c.id === calendarId)) throw itemNotFound();
}

/** `If-Match: W/"<changeKey>"` (or a list, or `*`): a stale value means someone else wrote the event since. */
function checkIfMatch(event: StoredEvent, ifMatch: string | undefined): void {
  if (ifMatch === undefined || ifMatch.trim() === '' || ifMatch.trim() === '*') return;
  const tags = ifMatch.split(',').map((tag) =>
    tag
      .trim()
      .replace(/^W\//i, '')
      .replace(/^"(.*)"$/, '$1'),
  );
  if (tags.includes(event.changeKey)) return;
  throw new GraphError(
    412,
    'ErrorIrresolvableConflict',
    'The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item.',
  );
}

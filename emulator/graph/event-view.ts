// Renders a stored event as Graph's event resource: every default Outlook fills in, times in UTC or the zone the
// client preferred, the body in the content type it asked for, and `$select` / `$expand` applied.
import type { StoredEvent } from '../mailboxes.ts';
import { bodyAs, bodyPreview, type ItemBody } from './body-content.ts';
import type { DateTimeTimeZone } from './event-input.ts';
import type { MailboxScope } from './event-store.ts';
import { expandedProperties } from './query-options.ts';
import { formatGraphDateTime, parseWallClock, type ResolvedZone, utcToWallMs } from './time-zones.ts';

export interface EventViewOptions {
  readonly zone: ResolvedZone;
  readonly bodyContentType: 'text' | 'html';
  readonly select?: readonly string[] | undefined;
  readonly expandPropertyIds?: readonly string[] | undefined;
}

const emptyLocation = {
  displayName: '',
  locationType: 'default',
  uniqueIdType: 'unknown',
  address: {},
  coordinates: {},
};

export function etagOf(event: StoredEvent): string {
  return `W/"${event.changeKey}"`;
}

export function webLinkOf(id: string): string {
  return `https://outlook.office365.com/owa/?itemid=${encodeURIComponent(id)}&exvsurl=1&path=/calendar/item`;
}

export function renderEvent(
  scope: MailboxScope,
  event: StoredEvent,
  options: EventViewOptions,
): Record<string, unknown> {
  const full = fullEvent(scope, event, options);
  const view: Record<string, unknown> = options.select ? pick(full, options.select) : full;
  if (options.expandPropertyIds) {
    const properties = expandedProperties(event, options.expandPropertyIds);
    // Graph leaves the collection out entirely when none of the asked-for properties is set.
    if (properties.length > 0) view.singleValueExtendedProperties = properties;
  }
  return view;
}

function pick(full: Record<string, unknown>, select: readonly string[]): Record<string, unknown> {
  const view: Record<string, unknown> = { '@odata.etag': full['@odata.etag'], id: full.id };
  for (const name of select) view[name] = full[name];
  return view;
}

function fullEvent(scope: MailboxScope, event: StoredEvent, options: EventViewOptions): Record<string, unknown> {
  const f = event.fields;
  const stored: ItemBody = (f.body as ItemBody | undefined) ?? { contentType: 'text', content: '' };
  const start = f.start as DateTimeTimeZone;
  const end = f.end as DateTimeTimeZone;
  const isAllDay = f.isAllDay === true;
  const location = (f.location as object | undefined) ?? emptyLocation;
  const owner = { emailAddress: { name: scope.user.displayName, address: scope.user.userPrincipalName } };
  return {
    '@odata.etag': etagOf(event),
    id: event.id,
    createdDateTime: event.createdDateTime,
    lastModifiedDateTime: event.lastModifiedDateTime,
    changeKey: event.changeKey,
    categories: f.categories ?? [],
    transactionId: event.transactionId,
    originalStartTimeZone: start.timeZone,
    originalEndTimeZone: end.timeZone,
    iCalUId: event.iCalUId,
    uid: event.iCalUId,
    reminderMinutesBeforeStart: f.reminderMinutesBeforeStart ?? 15,
    isReminderOn: f.isReminderOn ?? true,
    hasAttachments: false,
    subject: f.subject ?? '',
    bodyPreview: bodyPreview(stored),
    importance: f.importance ?? 'normal',
    sensitivity: f.sensitivity ?? 'normal',
    isAllDay,
    isCancelled: false,
    isOrganizer: true,
    responseRequested: f.responseRequested ?? true,
    seriesMasterId: null,
    showAs: f.showAs ?? 'busy',
    type: 'singleInstance',
    webLink: webLinkOf(event.id),
    onlineMeetingUrl: null,
    isOnlineMeeting: f.isOnlineMeeting ?? false,
    onlineMeetingProvider: f.onlineMeetingProvider ?? 'unknown',
    allowNewTimeProposals: f.allowNewTimeProposals ?? true,
    occurrenceId: null,
    isDraft: false,
    hideAttendees: f.hideAttendees ?? false,
    responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
    body: bodyAs(stored, options.bodyContentType),
    start: timeView(event.startUtc, start, isAllDay, options.zone),
    end: timeView(event.endUtc, end, isAllDay, options.zone),
    location,
    locations: f.locations ?? [],
    recurrence: null,
    attendees: f.attendees ?? [],
    organizer: owner,
    onlineMeeting: null,
  };
}

/** All-day events keep their dates whatever zone is asked for (Outlook answers midnight to midnight). */
function timeView(
  utcMs: number,
  written: DateTimeTimeZone,
  isAllDay: boolean,
  zone: ResolvedZone,
): { dateTime: string; timeZone: string } {
  if (isAllDay) {
    const wall = parseWallClock(written.dateTime);
    if (wall) return { dateTime: formatGraphDateTime(wall.wallMs), timeZone: zone.name };
  }
  return { dateTime: formatGraphDateTime(utcToWallMs(utcMs, zone)), timeZone: zone.name };
}

/** The full stored state of an event for the inspection API: Graph's shape in UTC, plus what Graph never shows. */
export function inspectEvent(scope: MailboxScope, event: StoredEvent): Record<string, unknown> {
  const full = fullEvent(scope, event, { zone: { name: 'UTC', zone: undefined }, bodyContentType: 'html' });
  return {
    ...full,
    body: (event.fields.body as ItemBody | undefined) ?? { contentType: 'text', content: '' },
    singleValueExtendedProperties: event.extendedProperties.map((p) => ({ id: p.id, value: p.value })),
    calendarId: event.calendarId,
    writtenBy: event.writtenBy,
    createdBy: event.createdBy,
  };
}

// The event endpoints of a mailbox: list and create (`/events`, `/calendar/events`, `/calendars/{id}/events`),
// calendar views, and one event by id (GET, PATCH, DELETE).
import type { EmulatorContext } from '../context.ts';
import type { Principal } from '../entra/access-token.ts';
import type { Writer } from '../mailboxes.ts';
import { calendarViewWindow, listEvents } from './event-listing.ts';
import { createEvent, deleteEvent, findEvent, requireCalendar, updateEvent } from './event-store.ts';
import { type EventViewOptions, renderEvent } from './event-view.ts';
import type { GraphRequest, GraphResponse } from './graph-request.ts';
import type { ResolvedMailbox } from './mailbox-access.ts';
import { contextUrl, userFragment } from './paging.ts';
import { outputZone, preferenceHeaders, readPreferences } from './prefer.ts';
import { readEventQuery } from './query-options.ts';

const viewPreferences = ['outlook.timezone', 'outlook.body-content-type'];

/** Who a Graph caller writes as: the application, and for delegated tokens the user it acts for. */
export function writerOf(principal: Principal): Writer {
  return principal.kind === 'application'
    ? { kind: 'application', clientId: principal.clientId }
    : { kind: 'application', clientId: principal.clientId, onBehalfOf: principal.userId };
}

export function listCollection(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  calendarId: string | undefined,
): GraphResponse {
  if (calendarId !== undefined) requireCalendar(scope.mailbox, calendarId);
  return listEvents(context, scope, request, { calendarId, window: undefined, collection: 'events' });
}

export function listCalendarView(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  calendarId: string | undefined,
): GraphResponse {
  if (calendarId !== undefined) requireCalendar(scope.mailbox, calendarId);
  const window = calendarViewWindow(request);
  return listEvents(context, scope, request, { calendarId, window, collection: 'calendarView' });
}

export function createInCollection(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  calendarId: string | undefined,
): GraphResponse {
  const { event } = createEvent(context, scope, request.body, writerOf(request.principal), calendarId);
  const single = singleEventResponse(context, scope, request, event.id, calendarId, 201);
  const location = `${context.baseUrl}/v1.0/users('${scope.user.id}')/events('${event.id}')`;
  return { ...single, headers: { ...single.headers, Location: location } };
}

export function getEvent(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  id: string,
  calendarId: string | undefined,
): GraphResponse {
  return singleEventResponse(context, scope, request, id, calendarId, 200);
}

export function patchEvent(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  id: string,
  calendarId: string | undefined,
): GraphResponse {
  updateEvent(context, scope, id, request.body, writerOf(request.principal), request.headers['if-match'], calendarId);
  return singleEventResponse(context, scope, request, id, calendarId, 200);
}

export function removeEvent(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  id: string,
  calendarId: string | undefined,
): GraphResponse {
  deleteEvent(context, scope, id, request.headers['if-match'], calendarId);
  return { status: 204, headers: {} };
}

function singleEventResponse(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  request: GraphRequest,
  id: string,
  calendarId: string | undefined,
  status: number,
): GraphResponse {
  const event = findEvent(scope, id, calendarId);
  const query = readEventQuery(request.query);
  const preferences = readPreferences(request.headers.prefer);
  const options: EventViewOptions = {
    zone: outputZone(preferences),
    bodyContentType: preferences.bodyContentType,
    select: query.select,
    expandPropertyIds: query.expandPropertyIds,
  };
  const selectSuffix = query.select ? `(${query.select.join(',')})` : '';
  const body = {
    '@odata.context': contextUrl(context, `${userFragment(scope.contextKey)}/events${selectSuffix}/$entity`),
    ...renderEvent(scope, event, options),
  };
  return { status, headers: preferenceHeaders(preferences, viewPreferences), body };
}

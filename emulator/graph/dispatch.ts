// Routes one Graph request (HTTP or $batch item) to the resource that answers it. No throttling or faults here:
// those are applied around it, per request and per batch item, in routes.ts and batch.ts.
import type { EmulatorContext } from '../context.ts';
import { getCalendar, listCalendars } from './calendar-resources.ts';
import { createCategory, deleteCategory, getCategory, listCategories, updateCategory } from './category-resources.ts';
import { getUser, listTransitiveMembers } from './directory-resources.ts';
import {
  createInCollection,
  getEvent,
  listCalendarView,
  listCollection,
  patchEvent,
  removeEvent,
} from './event-resources.ts';
import { defaultCalendarId } from './event-store.ts';
import { GraphError, unknownSegment } from './graph-error.ts';
import type { GraphRequest, GraphResponse } from './graph-request.ts';
import { type ResolvedMailbox, resolveMailbox, type UserReference } from './mailbox-access.ts';
import { safeDecode } from './paging.ts';
import type { Access } from './permissions.ts';

export async function dispatchGraphRequest(context: EmulatorContext, request: GraphRequest): Promise<GraphResponse> {
  try {
    return route(context, request);
  } catch (error) {
    if (error instanceof GraphError) return error.toResponse();
    throw error;
  }
}

function route(context: EmulatorContext, request: GraphRequest): GraphResponse {
  const segments = request.path.split('/').filter(Boolean).map(safeDecode);
  const [first = '', ...rest] = segments;
  const head = first.toLowerCase();
  const keyed = /^users\('(.*)'\)$/i.exec(first);
  if (head === 'me') return userRoute(context, request, { kind: 'me' }, rest);
  if (keyed) return userRoute(context, request, { kind: 'user', key: keyed[1] ?? '' }, rest);
  if (head === 'users' && rest.length > 0) {
    const [key = '', ...more] = rest;
    return userRoute(context, request, { kind: 'user', key }, more);
  }
  if (head === 'groups' && rest.length >= 2 && rest[1]?.toLowerCase() === 'transitivemembers') {
    const cast = rest[2]?.toLowerCase();
    if (rest.length > 3 || (cast !== undefined && cast !== 'microsoft.graph.user')) throw unknownSegment(rest[2] ?? '');
    requireMethod(request, 'GET');
    return listTransitiveMembers(context, request, rest[0] ?? '', cast !== undefined);
  }
  throw unknownSegment(first || '/');
}

function userRoute(
  context: EmulatorContext,
  request: GraphRequest,
  reference: UserReference,
  rest: readonly string[],
): GraphResponse {
  if (rest.length === 0) {
    requireMethod(request, 'GET');
    return getUser(context, request, reference);
  }
  const lower = rest.map((s) => s.toLowerCase());
  const method = request.method.toUpperCase();
  const mailbox = (access: Access) => resolveMailbox(context, request.principal, reference, access);
  const reading = method === 'GET';
  const calendarAccess: Access = reading ? 'calendar.read' : 'calendar.write';

  if (lower[0] === 'outlook') {
    if (lower[1] !== 'mastercategories' || rest.length > 3) throw unknownSegment(rest[1] ?? rest[0] ?? '');
    const scope = mailbox(reading ? 'mailboxSettings.read' : 'mailboxSettings.write');
    const id = rest[2];
    if (id === undefined) {
      if (method === 'POST') return createCategory(context, scope, request.body);
      requireMethod(request, 'GET');
      return listCategories(context, scope);
    }
    if (method === 'DELETE') return deleteCategory(context, scope, id);
    if (method === 'PATCH') return updateCategory(context, scope, id, request.body);
    requireMethod(request, 'GET');
    return getCategory(context, scope, id);
  }

  // Everything else is the calendar: find which calendar (if any) the path names, then the resource under it.
  let calendarId: string | undefined;
  let tail: readonly string[];
  let tailOriginal: readonly string[];
  if (lower[0] === 'calendar') {
    if (rest.length === 1) {
      requireMethod(request, 'GET');
      return getCalendar(context, mailbox('calendar.read'), undefined);
    }
    tail = lower.slice(1);
    tailOriginal = rest.slice(1);
    calendarId = '';
  } else if (lower[0] === 'calendars') {
    if (rest.length === 1) {
      requireMethod(request, 'GET');
      return listCalendars(context, mailbox('calendar.read'));
    }
    if (rest.length === 2) {
      requireMethod(request, 'GET');
      return getCalendar(context, mailbox('calendar.read'), rest[1]);
    }
    calendarId = rest[1];
    tail = lower.slice(2);
    tailOriginal = rest.slice(2);
  } else {
    tail = lower;
    tailOriginal = rest;
  }
  const resolveCalendar = (scope: ResolvedMailbox) =>
    calendarId === '' ? defaultCalendarId(scope.mailbox) : calendarId;

  if (tail[0] === 'calendarview' && tail.length === 1) {
    requireMethod(request, 'GET');
    const scope = mailbox('calendar.read');
    return listCalendarView(context, scope, request, resolveCalendar(scope));
  }
  if (tail[0] === 'events' && tail.length === 1) {
    if (method === 'POST') {
      const scope = mailbox('calendar.write');
      return createInCollection(context, scope, request, resolveCalendar(scope));
    }
    requireMethod(request, 'GET');
    const scope = mailbox('calendar.read');
    return listCollection(context, scope, request, resolveCalendar(scope));
  }
  if (tail[0] === 'events' && tail.length === 2) {
    const id = tailOriginal[1] ?? '';
    const scope = mailbox(calendarAccess);
    const inCalendar = resolveCalendar(scope);
    if (method === 'GET') return getEvent(context, scope, request, id, inCalendar);
    if (method === 'PATCH') return patchEvent(context, scope, request, id, inCalendar);
    if (method === 'DELETE') return removeEvent(context, scope, request, id, inCalendar);
    throw methodNotAllowed();
  }
  throw unknownSegment(tailOriginal[0] ?? rest[0] ?? '');
}

function requireMethod(request: GraphRequest, method: string): void {
  if (request.method.toUpperCase() !== method) throw methodNotAllowed();
}

function methodNotAllowed(): GraphError {
  return new GraphError(405, 'ErrorInvalidRequest', 'The OData request is not supported.');
}

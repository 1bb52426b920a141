// Lists events (`/events`, `/calendars/{id}/events`) and calendar views (`/calendarView`): filter, order, page.
// The matching, ordered list is cached per mailbox version and query, so walking a 100k-event mailbox page by
// page costs one scan, not one scan per page.
import type { EmulatorContext } from '../context.ts';
import type { Mailbox, StoredEvent } from '../mailboxes.ts';
import { compileEventFilter } from './event-filter.ts';
import { type MailboxScope, mailboxVersion } from './event-store.ts';
import { renderEvent } from './event-view.ts';
import { GraphError, invalidRequest } from './graph-error.ts';
import type { GraphRequest, GraphResponse } from './graph-request.ts';
import { contextUrl, defaultPageSize, maxPageSize, nextLink, userFragment } from './paging.ts';
import { outputZone, preferenceHeaders, readPreferences } from './prefer.ts';
import { queryValue, readEventQuery, readOrderBy } from './query-options.ts';

export interface ListTarget {
  readonly calendarId: string | undefined;
  /** Set for calendarView: the window events must overlap. */
  readonly window: { readonly startUtc: number; readonly endUtc: number } | undefined;
  /** `events` or `calendarView`, for `@odata.context`. */
  readonly collection: string;
}

interface CachedList {
  readonly version: number;
  /** Also compared, in case something changed the events without going through event-store.ts. */
  readonly size: number;
  readonly events: readonly StoredEvent[];
}
const listCache = new WeakMap<Mailbox, Map<string, CachedList>>();
const cachedQueriesPerMailbox = 8;

export function listEvents(
  context: EmulatorContext,
  scope: MailboxScope & { readonly contextKey: string },
  request: GraphRequest,
  target: ListTarget,
): GraphResponse {
  const query = readEventQuery(request.query);
  const preferences = readPreferences(request.headers.prefer);
  const matching = matchingEvents(scope.mailbox, target, query.filter, query.orderBy);
  const pageSize = Math.min(query.top ?? preferences.maxPageSize ?? defaultPageSize, maxPageSize);
  const page = matching.slice(query.skip, query.skip + pageSize);
  const options = {
    zone: outputZone(preferences),
    bodyContentType: preferences.bodyContentType,
    select: query.select,
    expandPropertyIds: query.expandPropertyIds,
  };
  const selectSuffix = query.select ? `(${query.select.join(',')})` : '';
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(context, `${userFragment(scope.contextKey)}/${target.collection}${selectSuffix}`),
  };
  if (query.count) body['@odata.count'] = matching.length;
  body.value = page.map((event) => renderEvent(scope, event, options));
  const end = query.skip + page.length;
  if (end < matching.length && page.length > 0) {
    body['@odata.nextLink'] = nextLink(context, request, '$skip', String(end));
  }
  const used = [
    'outlook.timezone',
    'outlook.body-content-type',
    ...(query.top === undefined ? ['odata.maxpagesize'] : []),
  ];
  return { status: 200, headers: preferenceHeaders(preferences, used), body };
}

function matchingEvents(
  mailbox: Mailbox,
  target: ListTarget,
  filter: string | undefined,
  orderBy: string | undefined,
): readonly StoredEvent[] {
  const key = `${target.calendarId ?? '*'}|${target.window?.startUtc ?? ''}|${target.window?.endUtc ?? ''}|${filter ?? ''}|${orderBy ?? ''}`;
  const version = mailboxVersion(mailbox);
  let perMailbox = listCache.get(mailbox);
  const cached = perMailbox?.get(key);
  if (cached && cached.version === version && cached.size === mailbox.events.size) return cached.events;

  const predicate = filter === undefined ? undefined : compileEventFilter(filter);
  const comparator = orderBy === undefined ? undefined : readOrderBy(orderBy);
  const { calendarId, window } = target;
  const events: StoredEvent[] = [];
  for (const event of mailbox.events.values()) {
    if (calendarId !== undefined && event.calendarId !== calendarId) continue;
    if (window && !overlaps(event, window.startUtc, window.endUtc)) continue;
    if (predicate && !predicate(event)) continue;
    events.push(event);
  }
  if (comparator) events.sort(comparator);
  // A calendar view comes back in start order when the client asks for no other.
  else if (window) events.sort((a, b) => a.startUtc - b.startUtc || a.endUtc - b.endUtc);

  if (!perMailbox) {
    perMailbox = new Map();
    listCache.set(mailbox, perMailbox);
  }
  perMailbox.delete(key);
  perMailbox.set(key, { version, size: mailbox.events.size, events });
  if (perMailbox.size > cachedQueriesPerMailbox) {
    const oldest = perMailbox.keys().next().value as string;
    perMailbox.delete(oldest);
  }
  return events;
}

/** Overlap, as calendarView means it: the event ends after the window starts and starts before it ends. */
function overlaps(event: StoredEvent, startUtc: number, endUtc: number): boolean {
  if (event.startUtc === event.endUtc) return event.startUtc >= startUtc && event.startUtc < endUtc;
  return event.startUtc < endUtc && event.endUtc > startUtc;
}

const maxViewDays = 1825;

/** `startDateTime` and `endDateTime`, both required; ISO 8601, UTC unless they carry an offset. */
export function calendarViewWindow(request: GraphRequest): { startUtc: number; endUtc: number } {
  const start = queryValue(request.query, 'startDateTime');
  const end = queryValue(request.query, 'endDateTime');
  if (!start || !end) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  const startUtc = parseViewBound(start, 'StartDateTime');
  const endUtc = parseViewBound(end, 'EndDateTime');
  if (endUtc - startUtc > maxViewDays * 86_400_000) {
    throw invalidRequest(
      `The range between the start and end dates is greater than the allowed range. Maximum number of days: ${maxViewDays}`,
    );
  }
  return { startUtc, endUtc };
}

function parseViewBound(text: string, name: string): number {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(text) && text.includes('T');
  const value = Date.parse(hasOffset ? text : `${text}${text.includes('T') ? '' : 'T00:00:00'}Z`);
  if (Number.isNaN(value)) {
    throw new GraphError(400, 'ErrorInvalidParameter', `The value '${text}' of parameter '${name}' is invalid.`);
  }
  return value;
}

// Lists every event in a mailbox that carries our marker, following every page. Any failure on any page throws:
// a partial or empty list would turn into mass creates or deletes (DESIGN invariants 2 and 4).
import type { Event } from '@microsoft/microsoft-graph-types';
import {
  eventByKeyFilter,
  MARKER_EXPAND,
  MARKER_SELECT,
  OUR_EVENTS_FILTER,
  odataString,
  remoteEventFrom,
} from '../mapping/marker-query.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import type { GraphClient, GraphRequest } from './graph-client.ts';
import { GraphProtocolError } from './graph-error.ts';
import type { MailboxRef } from './mailbox-ref.ts';

/** One of our events as the calendar holds it now (times as `2026-12-01T08:00:00.000Z`). */
export interface OwnEvent extends RemoteEvent {
  /** For purge dry-runs and logs. */
  readonly subject: string;
}

export interface ListOwnEventsOptions {
  /** Only events overlapping this window; without it, every event we own at any date (purge, full reconcile). */
  readonly window?: SyncWindow;
  /** `$top`: events per page. */
  readonly pageSize?: number;
  /** Called once per page requested, so a run can count its listing among its Graph requests. */
  readonly onRequest?: () => void;
}

const select = `${MARKER_SELECT},subject`;

export async function listOwnEvents(
  client: GraphClient,
  mailbox: MailboxRef,
  options: ListOwnEventsOptions = {},
): Promise<OwnEvent[]> {
  const filter = options.window ? `${OUR_EVENTS_FILTER} and ${windowFilter(options.window)}` : OUR_EVENTS_FILTER;
  let request: GraphRequest = {
    method: 'GET',
    path: `${mailbox.path}/events`,
    query: { $filter: filter, $expand: MARKER_EXPAND, $select: select, $top: options.pageSize ?? 500 },
    mailbox: mailbox.label,
  };
  const events: OwnEvent[] = [];
  const seenLinks = new Set<string>();
  for (;;) {
    options.onRequest?.();
    const response = await client.requestOk(request);
    const page = parseOwnEventsPage(response.body, mailbox.label);
    events.push(...page.events);
    if (!page.nextLink) return events;
    if (seenLinks.has(page.nextLink)) {
      throw new GraphProtocolError(`the same @odata.nextLink came twice: ${page.nextLink}`, mailbox.label);
    }
    seenLinks.add(page.nextLink);
    request = { method: 'GET', path: page.nextLink, mailbox: mailbox.label };
  }
}

/** The GET that finds the copies of one event by its marker (after an ambiguous create, before creating again). */
export function lookupByMarkerRequest(mailbox: MailboxRef, sourceKey: string): GraphRequest {
  return {
    method: 'GET',
    path: `${mailbox.path}/events`,
    query: { $filter: eventByKeyFilter(sourceKey), $expand: MARKER_EXPAND, $select: select, $top: 50 },
    mailbox: mailbox.label,
  };
}

/**
 * The copies of one event a lookup found, matched exactly: Exchange compares `ep/value` without regard to case, so
 * the filter can also return a key that differs only in case. Extra pages are not followed: one copy is enough to
 * know a create took effect, and a reconcile removes the duplicates.
 */
export function copiesFromLookup(body: unknown, sourceKey: string, mailbox?: string): OwnEvent[] {
  return parseOwnEventsPage(body, mailbox).events.filter((event) => event.sourceKey === sourceKey);
}

/**
 * Events overlapping [startUtc, endUtc). `/events` takes start/end comparisons in UTC wall-clock form; calendarView
 * would expand series but refuses `$filter`, and our events are single occurrences, so `/events` it is.
 */
export function windowFilter(window: SyncWindow): string {
  const wallClock = (instant: string) => new Date(Date.parse(instant)).toISOString().slice(0, 19);
  return `start/dateTime lt ${odataString(wallClock(window.endUtc))} and end/dateTime gt ${odataString(wallClock(window.startUtc))}`;
}

/** Reads one page of a marker listing; throws on anything but a well-formed page of well-formed events. */
export function parseOwnEventsPage(
  body: unknown,
  mailbox?: string,
): { events: OwnEvent[]; nextLink: string | undefined } {
  const page = body as { value?: unknown; '@odata.nextLink'?: unknown } | undefined;
  if (!page || !Array.isArray(page.value)) {
    throw new GraphProtocolError('an event listing without a `value` array', mailbox);
  }
  const nextLink = page['@odata.nextLink'];
  if (nextLink !== undefined && typeof nextLink !== 'string') {
    throw new GraphProtocolError('an @odata.nextLink that is not a string', mailbox);
  }
  return { events: page.value.map((raw) => parseOwnEvent(raw, mailbox)), nextLink };
}

function parseOwnEvent(raw: unknown, mailbox: string | undefined): OwnEvent {
  const event = raw as Event;
  if (typeof event?.id !== 'string' || typeof event.changeKey !== 'string' || event.changeKey === '') {
    throw new GraphProtocolError('an event without id or changeKey', mailbox);
  }
  let remote: RemoteEvent | null;
  try {
    remote = remoteEventFrom(event);
  } catch (error) {
    throw new GraphProtocolError(`event ${event.id}: ${(error as Error).message}`, mailbox);
  }
  if (!remote) {
    throw new GraphProtocolError(
      `event ${event.id} matched the marker filter but came back without the marker`,
      mailbox,
    );
  }
  return { ...remote, subject: typeof event.subject === 'string' ? event.subject : '' };
}

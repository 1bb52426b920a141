// Builds the Graph requests that write our events (create, update, delete) as `$batch` items, and reads what
// Graph answered to them. Every write carries our marker and content hash, so the calendar can rebuild the state.
import type { Event, SingleValueLegacyExtendedProperty } from '@microsoft/microsoft-graph-types';
import { CONTENT_HASH_PROPERTY_ID, isPropertyId, SOURCE_KEY_PROPERTY_ID } from '../mapping/marker.ts';
import type { GraphRequest, GraphResponse } from './graph-client.ts';
import { GraphProtocolError } from './graph-error.ts';
import type { MailboxRef } from './mailbox-ref.ts';

/** What our two extended properties hold for one event. */
export interface MarkerValues {
  readonly sourceKey: string;
  readonly contentHash: string;
}

/**
 * POST a new event. `transactionId` must be deterministic for the attempt, so a create that is repeated after a
 * lost answer returns the first event instead of a second one.
 */
export function createEventRequest(
  mailbox: MailboxRef,
  event: Event,
  marker: MarkerValues,
  transactionId: string,
): GraphRequest {
  return {
    method: 'POST',
    path: `${mailbox.path}/events`,
    body: { ...event, transactionId, singleValueExtendedProperties: withMarker(event, marker) },
    mailbox: mailbox.label,
  };
}

/** PATCH one of our events; with `changeKey`, Graph refuses (412) if the event changed since we read it. */
export function updateEventRequest(
  mailbox: MailboxRef,
  graphId: string,
  event: Event,
  marker: MarkerValues,
  changeKey?: string,
): GraphRequest {
  return {
    method: 'PATCH',
    path: eventPath(mailbox, graphId),
    body: { ...event, singleValueExtendedProperties: withMarker(event, marker) },
    ...(changeKey ? { headers: { 'If-Match': `W/"${changeKey}"` } } : {}),
    mailbox: mailbox.label,
  };
}

/** DELETE one of our events. Only ever called with the id of an event we listed or created with our marker. */
export function deleteEventRequest(mailbox: MailboxRef, graphId: string, changeKey?: string): GraphRequest {
  return {
    method: 'DELETE',
    path: eventPath(mailbox, graphId),
    ...(changeKey ? { headers: { 'If-Match': `W/"${changeKey}"` } } : {}),
    mailbox: mailbox.label,
  };
}

/** A delete succeeded when Graph removed the event, or when it was gone already (404 ErrorItemNotFound). */
export function deleteSucceeded(response: GraphResponse): boolean {
  if (response.status >= 200 && response.status < 300) return true;
  return response.status === 404 && response.error?.graphCode === 'ErrorItemNotFound';
}

/** The id and new changeKey from a successful create or update. */
export function writtenEvent(response: GraphResponse, mailbox?: string): { graphId: string; changeKey: string } {
  const body = response.body as { id?: unknown; changeKey?: unknown } | undefined;
  if (typeof body?.id !== 'string' || typeof body.changeKey !== 'string') {
    throw new GraphProtocolError(`a ${response.status} answer to an event write without id or changeKey`, mailbox);
  }
  return { graphId: body.id, changeKey: body.changeKey };
}

function eventPath(mailbox: MailboxRef, graphId: string): string {
  return `${mailbox.path}/events/${encodeURIComponent(graphId)}`;
}

/** The event's own extended properties (if the mapping adds any) with ours set, never twice. */
function withMarker(event: Event, marker: MarkerValues): SingleValueLegacyExtendedProperty[] {
  const others = (event.singleValueExtendedProperties ?? []).filter(
    (p) => !isPropertyId(p.id, SOURCE_KEY_PROPERTY_ID) && !isPropertyId(p.id, CONTENT_HASH_PROPERTY_ID),
  );
  return [
    ...others,
    { id: SOURCE_KEY_PROPERTY_ID, value: marker.sourceKey },
    { id: CONTENT_HASH_PROPERTY_ID, value: marker.contentHash },
  ];
}

// The Graph query strings that find our events by their marker, and reading the marker back from a listed event.
//
// Graph documents string extended-property filters as `ep/id eq '{id}' and ep/value eq|ne '{value}'` (also
// contains/startswith). To list every event of ours we use `ep/value ne null`: not spelled out in the docs, but the
// usual way to ask "has this property" and accepted by Exchange Online. The emulator must accept both forms.
// Exchange compares `ep/value` case-insensitively: a lookup by key can also return a key differing only in case,
// so callers compare the key they read back exactly.
import type { Event } from '@microsoft/microsoft-graph-types';
import { DateTime } from 'luxon';
import type { RemoteEvent } from '../model/remote-event.ts';
import { CONTENT_HASH_PROPERTY_ID, isPropertyId, SOURCE_KEY_PROPERTY_ID } from './marker.ts';

/** An OData string literal: single quotes doubled. */
export function odataString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `$filter` for every event that carries our marker (reconcile, purge). */
export const OUR_EVENTS_FILTER = `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(SOURCE_KEY_PROPERTY_ID)} and ep/value ne null)`;

/** `$filter` for our event(s) of one source key: after an ambiguous create, before creating again (invariant 3). */
export function eventByKeyFilter(sourceKey: string): string {
  return `singleValueExtendedProperties/Any(ep: ep/id eq ${odataString(SOURCE_KEY_PROPERTY_ID)} and ep/value eq ${odataString(sourceKey)})`;
}

/** `$expand` that returns both marker properties with each listed event. */
export const MARKER_EXPAND = `singleValueExtendedProperties($filter=id eq ${odataString(SOURCE_KEY_PROPERTY_ID)} or id eq ${odataString(CONTENT_HASH_PROPERTY_ID)})`;

/** `$select` for a reconcile listing: only what the planner needs (add `subject` for purge and dry-run listings). */
export const MARKER_SELECT = 'id,changeKey,start,end,isAllDay';

export interface Marker {
  readonly sourceKey: string;
  readonly contentHash: string | null;
}

/** Our marker on a listed event, or null when it has none (then it is not ours, whatever else it looks like). */
export function readMarker(event: Pick<Event, 'singleValueExtendedProperties'>): Marker | null {
  const properties = event.singleValueExtendedProperties ?? [];
  const key = properties.find((property) => isPropertyId(property.id, SOURCE_KEY_PROPERTY_ID))?.value;
  if (typeof key !== 'string' || key === '') return null;
  const hash = properties.find((property) => isPropertyId(property.id, CONTENT_HASH_PROPERTY_ID))?.value;
  return { sourceKey: key, contentHash: typeof hash === 'string' && hash !== '' ? hash : null };
}

/**
 * A listed Graph event as the planner's RemoteEvent, or null when it does not carry our marker. Times come back in
 * UTC unless a `Prefer: outlook.timezone` header asked otherwise; IANA zones are read too.
 */
export function remoteEventFrom(event: Event): RemoteEvent | null {
  const marker = readMarker(event);
  if (marker === null || typeof event.id !== 'string') return null;
  return {
    graphId: event.id,
    changeKey: event.changeKey ?? '',
    sourceKey: marker.sourceKey,
    contentHash: marker.contentHash,
    startUtc: utcInstant(event.start?.dateTime, event.start?.timeZone),
    endUtc: utcInstant(event.end?.dateTime, event.end?.timeZone),
  };
}

function utcInstant(dateTime: string | undefined, zone: string | null | undefined): string {
  const instant = DateTime.fromISO(dateTime ?? '', {
    zone: zone === null || zone === undefined || zone === 'UTC' ? 'utc' : zone,
  });
  if (!instant.isValid) throw new RangeError(`unreadable event time from Graph: ${dateTime} ${zone}`);
  return instant.toUTC().toISO() ?? '';
}

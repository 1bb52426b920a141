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
export const MARKER_SELECT = 'id,changeKey,start,end,isAllDay,createdDateTime,lastModifiedDateTime';

/**
 * How much later than `createdDateTime` an event's `lastModifiedDateTime` may be and still count as never written
 * since its creation. Exchange stamps the two separately while it saves a new item: they are often a few hundred
 * milliseconds apart without anyone touching the event (about half a second in the example of Graph's "create
 * event" page). Taking such an event for a modified one would rewrite every event after a recovery from the
 * calendar alone, so the tolerance errs long: an owner's edit within a second of our create goes unseen.
 */
export const CREATED_STAMP_TOLERANCE_MS = 1000;

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
    modifiedSinceCreated: modifiedSinceCreated(event),
  };
}

/**
 * Whether the event was written after its creation (beyond the tolerance above). Missing or unreadable timestamps
 * count as not modified: such an event is adopted as it is, as it was before these fields were read.
 */
export function modifiedSinceCreated(event: Pick<Event, 'createdDateTime' | 'lastModifiedDateTime'>): boolean {
  const created = Date.parse(event.createdDateTime ?? '');
  const modified = Date.parse(event.lastModifiedDateTime ?? '');
  return modified - created > CREATED_STAMP_TOLERANCE_MS;
}

function utcInstant(dateTime: string | undefined, zone: string | null | undefined): string {
  const instant = DateTime.fromISO(dateTime ?? '', {
    zone: zone === null || zone === undefined || zone === 'UTC' ? 'utc' : zone,
  });
  if (!instant.isValid) throw new RangeError(`unreadable event time from Graph: ${dateTime} ${zone}`);
  return instant.toUTC().toISO() ?? '';
}

// Mapping: canonical timetable events → the Graph events we write, and the marker that makes them ours.
//
// - mapEvent(event, {reminderMinutes}) → DesiredEvent {sourceKey, payload (Graph Event with marker + hash
//   properties), contentHash, startUtc, endUtc}; desiredEvents(events) maps the confirmed ones.
// - SOURCE_KEY_PROPERTY_ID, CONTENT_HASH_PROPERTY_ID (fixed names in one fixed property set), readMarker(event),
//   remoteEventFrom(listedEvent) → RemoteEvent | null (null: not ours).
// - OUR_EVENTS_FILTER, eventByKeyFilter(key), MARKER_EXPAND, MARKER_SELECT: the `$filter`/`$expand`/`$select` of
//   a reconcile listing or a lookup by key (see marker-query.ts on what Exchange accepts).
// - contentHash(payload), canonicalJson(value); transactionIdFor({mailbox, sourceKey, contentHash, replaces?}).
export { canonicalJson, contentHash } from './content-hash.ts';
export { eventBody, MANAGED_FOOTER } from './event-body.ts';
export { eventSubject } from './event-subject.ts';
export { escapeHtml } from './html.ts';
export type { MappingOptions } from './map-event.ts';
export { DEFAULT_MAPPING, desiredEvents, mapEvent } from './map-event.ts';
export { CONTENT_HASH_PROPERTY_ID, isPropertyId, MARKER_PROPERTY_SET, SOURCE_KEY_PROPERTY_ID } from './marker.ts';
export type { Marker } from './marker-query.ts';
export {
  eventByKeyFilter,
  MARKER_EXPAND,
  MARKER_SELECT,
  OUR_EVENTS_FILTER,
  odataString,
  readMarker,
  remoteEventFrom,
} from './marker-query.ts';
export type { TransactionIdParts } from './transaction-id.ts';
export { transactionIdFor } from './transaction-id.ts';

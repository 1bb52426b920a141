// Mapping: canonical timetable events → the Graph events we write, and the marker that makes them ours.
//
// - mapEvent(event, options) → DesiredEvent {sourceKey, payload (Graph Event with marker + hash properties),
//   contentHash, startUtc, endUtc}; desiredEvents(events, options) maps the confirmed ones of synced activity types.
// - MappingOptions (the config's `mapping`): subject/location/body/category templates (template.ts: `{field}`,
//   `{list|sep}`, `[optional section]`), reminder, showAs, sensitivity, per activity type, which types to sync.
// - eventCategories(events, options) → the categories (name + preset colour) a person's events carry;
//   categoryColor(spec) / nearestPreset(#rrggbb) → an Outlook preset.
// - SOURCE_KEY_PROPERTY_ID, CONTENT_HASH_PROPERTY_ID (fixed names in one fixed property set), readMarker(event),
//   remoteEventFrom(listedEvent) → RemoteEvent | null (null: not ours).
// - OUR_EVENTS_FILTER, eventByKeyFilter(key), MARKER_EXPAND, MARKER_SELECT: the `$filter`/`$expand`/`$select` of
//   a reconcile listing or a lookup by key (see marker-query.ts on what Exchange accepts).
// - contentHash(payload), canonicalJson(value); transactionIdFor({mailbox, sourceKey, contentHash, replaces?}).
export type { CategoryPreset } from './category-colors.ts';
export { CATEGORY_PRESETS, categoryColor, nearestPreset } from './category-colors.ts';
export { canonicalJson, contentHash } from './content-hash.ts';
export { eventBody, MANAGED_FOOTER } from './event-body.ts';
export { eventCategories } from './event-categories.ts';
export { eventSubject } from './event-subject.ts';
export { escapeHtml } from './html.ts';
export { desiredEvents, mapEvent } from './map-event.ts';
export type { ActivityTypeMapping, MappingOptions, Sensitivity, ShowAs } from './mapping-options.ts';
export { DEFAULT_MAPPING, defaultCategoryFor, SENSITIVITY_VALUES, SHOW_AS_VALUES } from './mapping-options.ts';
export type { EventCategory } from './mapping-rules.ts';
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
export type { ParsedTemplate, Template, TemplateField } from './template.ts';
export { parseTemplate, TEMPLATE_FIELDS } from './template.ts';
export type { TransactionIdParts } from './transaction-id.ts';
export { transactionIdFor } from './transaction-id.ts';

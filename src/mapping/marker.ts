// Our marker (invariant 1): two single-value extended properties in one fixed property set with fixed names. The
// key says "this event is ours, and it is this occurrence"; the hash says which content we last wrote. Exchange
// limits named properties per mailbox, so these names are the only ones we ever use: never generate names.

/** Our property set, chosen once; changing it would orphan every event already written. */
export const MARKER_PROPERTY_SET = 'b00061ca-9cc3-40c8-98b2-3241093c73fd';

/** Holds the stable source key of the occurrence. */
export const SOURCE_KEY_PROPERTY_ID = `String {${MARKER_PROPERTY_SET}} Name timetableSyncKey`;

/** Holds the content hash of the payload we last wrote (see content-hash.ts). */
export const CONTENT_HASH_PROPERTY_ID = `String {${MARKER_PROPERTY_SET}} Name timetableSyncHash`;

/** Graph may return the type and the set's GUID in another letter case; the name itself is case-sensitive. */
export function isPropertyId(id: string | null | undefined, expected: string): boolean {
  if (typeof id !== 'string') return false;
  const [kind, set, ...name] = id.split(' ');
  const [expectedKind, expectedSet, ...expectedName] = expected.split(' ');
  return (
    kind?.toLowerCase() === expectedKind?.toLowerCase() &&
    set?.toLowerCase() === expectedSet?.toLowerCase() &&
    name.join(' ') === expectedName.join(' ')
  );
}

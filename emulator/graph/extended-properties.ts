// Single-value extended properties (MAPI properties addressed by Graph ids such as
// `String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey` or `String 0x1234`): id validation and matching.
import type { ExtendedProperty } from '../mailboxes.ts';
import { GraphError } from './graph-error.ts';

const singleValueTypes = [
  'Binary',
  'Boolean',
  'Currency',
  'CLSID',
  'Double',
  'Integer',
  'Long',
  'Object',
  'Short',
  'SystemTime',
  'String',
] as const;
const typesByKey = new Map<string, string>(singleValueTypes.map((t) => [t.toLowerCase(), t]));

const namedPattern = /^(\w+)\s+\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}\s+(Name|Id)\s+(.+)$/i;
const tagPattern = /^(\w+)\s+(0x[0-9a-f]{1,4})$/i;

export function invalidExtendedPropertyId(id: string): GraphError {
  return new GraphError(400, 'ErrorInvalidProperty', `The extended property id '${id}' is not valid.`);
}

/**
 * The canonical spelling of a property id (type name as Graph spells it, GUID in lower case), or undefined when the
 * text is not a valid single-value id.
 */
export function canonicalPropertyId(id: string): string | undefined {
  const text = id.trim();
  const named = namedPattern.exec(text);
  if (named) {
    const [, type = '', guid = '', kind = '', name = ''] = named;
    const canonicalType = typesByKey.get(type.toLowerCase());
    if (!canonicalType) return undefined;
    const isName = kind.toLowerCase() === 'name';
    if (!isName && !/^(0x[0-9a-f]{1,8}|\d{1,10})$/i.test(name)) return undefined;
    return `${canonicalType} {${guid.toLowerCase()}} ${isName ? 'Name' : 'Id'} ${name}`;
  }
  const tag = tagPattern.exec(text);
  if (tag) {
    const [, type = '', hex = ''] = tag;
    const canonicalType = typesByKey.get(type.toLowerCase());
    if (!canonicalType) return undefined;
    return `${canonicalType} ${hex.toLowerCase()}`;
  }
  return undefined;
}

/** The key ids are compared by: Exchange matches property ids without regard to case. */
export function propertyKey(id: string): string {
  return id.toLowerCase();
}

/** Validates `singleValueExtendedProperties` from a request body into canonical `{id, value}` pairs. */
export function parseExtendedProperties(raw: unknown): ExtendedProperty[] {
  if (!Array.isArray(raw)) {
    throw new GraphError(
      400,
      'RequestBodyRead',
      "An unexpected 'StartObject' node was found for property named 'singleValueExtendedProperties' when reading from the JSON reader. A 'StartArray' node was expected.",
    );
  }
  return raw.map((item: unknown) => {
    const entry = item as { id?: unknown; value?: unknown } | null;
    if (!entry || typeof entry !== 'object' || typeof entry.id !== 'string') {
      throw new GraphError(400, 'ErrorInvalidProperty', 'Each extended property needs an id and a value.');
    }
    const id = canonicalPropertyId(entry.id);
    if (!id) throw invalidExtendedPropertyId(entry.id);
    if (typeof entry.value !== 'string') {
      throw new GraphError(
        400,
        'ErrorInvalidExtendedPropertyValue',
        `The value of extended property '${id}' must be a string.`,
      );
    }
    return { id, value: entry.value };
  });
}

/** Adds or replaces properties by id (case-insensitively), as a PATCH does. Returns a new array. */
export function mergeExtendedProperties(
  current: readonly ExtendedProperty[],
  updates: readonly ExtendedProperty[],
): ExtendedProperty[] {
  const merged = [...current];
  for (const update of updates) {
    const key = propertyKey(update.id);
    const index = merged.findIndex((p) => propertyKey(p.id) === key);
    if (index >= 0) merged[index] = update;
    else merged.push(update);
  }
  return merged;
}

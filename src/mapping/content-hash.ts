// The content hash: SHA-256 of a canonical JSON of the mapped payload (marker properties left out), so equal
// content always gives an equal hash whatever the key order, and any change to what we write gives a new one.
import { createHash } from 'node:crypto';
import type { Event } from '@microsoft/microsoft-graph-types';

/** JSON with object keys sorted at every level and `undefined` members left out. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ',';
      out += value[index] === undefined ? 'null' : canonicalJson(value[index]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const key of Object.keys(record).sort()) {
    if (record[key] === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(record[key])}`;
  }
  return `${out}}`;
}

/**
 * 22 base64url characters (132 bits): short enough for a property value, far beyond any collision risk.
 * `sensitivity: normal` and `categories: []` are written on every event (so an update can clear them) but left out
 * of the hash: events written before those fields existed keep their hash and are not all rewritten on upgrade.
 */
export function contentHash(payload: Event): string {
  const { singleValueExtendedProperties: _marker, ...content } = payload;
  if (content.sensitivity === 'normal') delete content.sensitivity;
  if (Array.isArray(content.categories) && content.categories.length === 0) delete content.categories;
  return createHash('sha256').update(canonicalJson(content)).digest('base64url').slice(0, 22);
}

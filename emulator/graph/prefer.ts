// The `Prefer` request header as Outlook reads it: `outlook.timezone`, `outlook.body-content-type` and
// `odata.maxpagesize`, with the `Preference-Applied` answer for those that were honoured.
import { type ResolvedZone, requireTimeZone } from './time-zones.ts';

export interface Preferences {
  /** Zone for returned start/end; undefined means UTC. */
  readonly timeZone: ResolvedZone | undefined;
  readonly bodyContentType: 'text' | 'html';
  readonly maxPageSize: number | undefined;
  /** What to send back as `Preference-Applied` (empty when nothing was asked for). */
  readonly applied: readonly string[];
}

const utc: ResolvedZone = { name: 'UTC', zone: undefined };

export function readPreferences(header: string | undefined): Preferences {
  let timeZone: ResolvedZone | undefined;
  let bodyContentType: 'text' | 'html' = 'html';
  let maxPageSize: number | undefined;
  const applied: string[] = [];
  for (const part of splitPreferences(header ?? '')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim().toLowerCase();
    const value = part
      .slice(separator + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
    if (name === 'outlook.timezone') {
      timeZone = requireTimeZone(value);
      applied.push(`outlook.timezone="${value}"`);
    } else if (name === 'outlook.body-content-type') {
      const type = value.toLowerCase();
      if (type === 'text' || type === 'html') {
        bodyContentType = type;
        applied.push(`outlook.body-content-type="${type}"`);
      }
    } else if (name === 'odata.maxpagesize') {
      const size = Number(value);
      if (Number.isInteger(size) && size > 0) {
        maxPageSize = size;
        applied.push(`odata.maxpagesize=${size}`);
      }
    }
  }
  return { timeZone, bodyContentType, maxPageSize, applied };
}

export function outputZone(preferences: Preferences): ResolvedZone {
  return preferences.timeZone ?? utc;
}

/** Splits on commas outside quotes (a Windows zone name never has one, but be safe). */
function splitPreferences(header: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    if ((ch === ',' || ch === ';') && !quoted) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

export function preferenceHeaders(preferences: Preferences, used: readonly string[]): Record<string, string> {
  const applied = preferences.applied.filter((p) => used.some((u) => p.startsWith(u)));
  return applied.length > 0 ? { 'Preference-Applied': applied.join(', ') } : {};
}

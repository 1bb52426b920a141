// Collection answers as Graph pages them: `@odata.context`, `value`, and an absolute `@odata.nextLink` that repeats
// the original query with the next `$skip` (or `$skiptoken`), so a client only ever follows links.
import type { EmulatorContext } from '../context.ts';
import type { GraphRequest } from './graph-request.ts';

export const defaultPageSize = 10;
export const maxPageSize = 1000;

/** `https://host/v1.0/<path>?<original query, with the paging parameter replaced>`. */
export function nextLink(
  context: EmulatorContext,
  request: GraphRequest,
  parameter: '$skip' | '$skiptoken',
  value: string,
): string {
  const parts: string[] = [];
  for (const [key, current] of Object.entries(request.query)) {
    if (key.toLowerCase() === parameter) continue;
    parts.push(`${encodeQueryKey(key)}=${encodeURIComponent(current)}`);
  }
  parts.push(`${parameter}=${encodeURIComponent(value)}`);
  return `${context.baseUrl}/v1.0${encodePath(request.path)}?${parts.join('&')}`;
}

function encodeQueryKey(key: string): string {
  return encodeURIComponent(key).replaceAll('%24', '$');
}

export function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(safeDecode(segment)).replaceAll('%40', '@').replaceAll('%27', "'"))
    .join('/');
}

export function safeDecode(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    // A stray '%' is a literal character, not an escape.
    return segment;
  }
}

/** `https://host/v1.0/$metadata#users('s1%40uni.example')/events`. */
export function contextUrl(context: EmulatorContext, fragment: string): string {
  return `${context.baseUrl}/v1.0/$metadata#${fragment}`;
}

export function userFragment(key: string): string {
  return `users('${encodeURIComponent(key)}')`;
}

// Splits a Graph URL below /v1.0 (`/users/x/events?$top=5`) into a decoded path and decoded query options,
// the same way for HTTP requests and $batch items.

export interface GraphUrl {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
}

/** Undefined when the URL is not valid percent-encoding (Graph answers 400). */
export function parseGraphUrl(relative: string): GraphUrl | undefined {
  const questionMark = relative.indexOf('?');
  const rawPath = questionMark === -1 ? relative : relative.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? '' : relative.slice(questionMark + 1);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    // Malformed escapes are the caller's mistake, answered with 400; nothing to recover here.
    return undefined;
  }
  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQuery)) query[key] = value;
  return { path: path.startsWith('/') ? path : `/${path}`, query };
}

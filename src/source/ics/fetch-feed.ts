// One feed over HTTP: a conditional GET (If-None-Match / If-Modified-Since from the last answer), redirects
// followed by hand (at most 5, so each hop is checked), gzip and deflate decoded by undici, the body read up to a
// size limit, all within one timeout. Anything but a feed (an HTML login page, 404, 500, a hang) is a
// FeedReadError whose message names the URL without its secrets.
import { fetch as undiciFetch } from 'undici';
import { FeedReadError } from './feed-read-error.ts';

export interface FeedValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export type FetchedFeed =
  | { readonly kind: 'not-modified' }
  | { readonly kind: 'feed'; readonly text: string; readonly validators: FeedValidators };

/** The part of `fetch` used here; tests inject one. */
export type FeedFetch = typeof undiciFetch;

export interface FetchFeedOptions {
  readonly url: string;
  /** The URL as messages may show it (secrets replaced). */
  readonly redact: (url: string) => string;
  /** From the previous answer; null asks unconditionally. */
  readonly validators: FeedValidators | null;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
  readonly fetch?: FeedFetch;
}

export const MAX_REDIRECTS = 5;

export async function fetchFeed(options: FetchFeedOptions): Promise<FetchedFeed> {
  const fetch = options.fetch ?? undiciFetch;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = {
    accept: 'text/calendar, text/plain;q=0.5, */*;q=0.1',
    'user-agent': 'timetable-sync',
  };
  if (options.validators?.etag) headers['if-none-match'] = options.validators.etag;
  if (options.validators?.lastModified) headers['if-modified-since'] = options.validators.lastModified;
  let url = options.url;
  const feed = () => `feed ${options.redact(url)}`;
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null)
          throw new FeedReadError(`${feed()} answered ${response.status} without a Location`, response.status);
        if (hop >= MAX_REDIRECTS)
          throw new FeedReadError(`${feed()} redirected more than ${MAX_REDIRECTS} times`, response.status);
        const next = new URL(location, url);
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
          throw new FeedReadError(`${feed()} redirected to a non-HTTP address`, response.status);
        }
        url = next.toString();
        continue;
      }
      if (response.status === 304) {
        await response.body?.cancel();
        if (options.validators === null)
          throw new FeedReadError(`${feed()} answered 304 to an unconditional request`, 304);
        return { kind: 'not-modified' };
      }
      if (response.status !== 200) {
        await response.body?.cancel();
        const hint =
          response.status === 401 || response.status === 403 ? ' (is the feed key right and still valid?)' : '';
        throw new FeedReadError(
          `${feed()} answered ${response.status} ${response.statusText}${hint}`.trimEnd(),
          response.status,
        );
      }
      const text = await readBody(response, options.maxBytes, feed);
      const type = response.headers.get('content-type') ?? '';
      if (/html/i.test(type) || /^\s*</.test(text.slice(0, 200))) {
        throw new FeedReadError(
          `${feed()} answered with an HTML page, not an iCalendar feed (a login or error page? check the URL and key)`,
          200,
        );
      }
      return {
        kind: 'feed',
        text,
        validators: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
      };
    }
  } catch (error) {
    if (error instanceof FeedReadError) throw error;
    if (timeout.aborted)
      throw new FeedReadError(`${feed()} did not answer within ${options.timeoutMs / 1000} s`, null, { cause: error });
    if (options.signal?.aborted) throw error;
    throw new FeedReadError(`${feed()} cannot be reached (${networkReason(error)})`, null, { cause: error });
  }
}

async function readBody(
  response: Awaited<ReturnType<FeedFetch>>,
  maxBytes: number,
  feed: () => string,
): Promise<string> {
  const tooLarge = () =>
    new FeedReadError(
      `${feed()} is larger than the limit of ${(maxBytes / 1024 / 1024).toFixed(1)} MB (source.maxFeedMegabytes)`,
      200,
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  // The declared length counts compressed bytes: only an uncompressed answer can be refused before reading.
  if (response.headers.get('content-encoding') === null && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (response.body !== null) {
    for await (const chunk of response.body) {
      size += chunk.byteLength;
      if (size > maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw tooLarge();
      }
      chunks.push(chunk);
    }
  }
  return new TextDecoder(charset(response.headers.get('content-type'))).decode(Buffer.concat(chunks));
}

/** The declared charset when the decoder knows it; feeds are UTF-8 (RFC 5545) otherwise. */
function charset(contentType: string | null): string {
  const label = /charset="?([^";\s]+)/i.exec(contentType ?? '')?.[1] ?? 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return 'utf-8';
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

// One page of a user's MyTimetable timetable over HTTP: the request (elevated token + requestedAuth), a bounded
// retry of what is worth retrying, and every failure turned into a sentence an admin can act on. The token never
// appears in a message: answers that echo it are redacted.
import type { RateLimiter } from './rate-limiter.ts';

export interface PageRequest {
  readonly baseUrl: string;
  readonly token: string;
  /** The `requestedAuth` header: the MyTimetable user the elevated token reads for. */
  readonly username: string;
  readonly startMs: number;
  readonly limit: number;
  readonly types: readonly string[];
  readonly language: string | null;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal | undefined;
}

export type PageAnswer =
  | { readonly kind: 'events'; readonly events: readonly unknown[] }
  /** MyTimetable answered 4xx and named the user: it does not know them. */
  | { readonly kind: 'unknown-user'; readonly detail: string };

/** Why a page could not be had; `malformed` when MyTimetable answered something that is not a list of events. */
export class PageFailure extends Error {
  readonly kind: 'unreadable' | 'malformed';
  /** MyTimetable's HTTP status, when it answered. */
  readonly status: number | null;
  constructor(kind: 'unreadable' | 'malformed', message: string, options?: ErrorOptions & { status?: number }) {
    super(message, options);
    this.name = 'PageFailure';
    this.kind = kind;
    this.status = options?.status ?? null;
  }
}

export type TimetableFetch = (
  url: string,
  init: { method: 'GET'; headers: Record<string, string>; signal: AbortSignal },
) => Promise<{ status: number; headers: { get(name: string): string | null }; text(): Promise<string> }>;

export interface PageClient {
  readonly limiter: RateLimiter;
  readonly fetch?: TimetableFetch;
  /** Attempts per page for 429, 5xx and broken connections (default 3). */
  readonly maxAttempts?: number;
}

export function timetableUrl(request: PageRequest): string {
  const url = new URL('api/v0/timetable', `${request.baseUrl.replace(/\/+$/, '')}/`);
  url.searchParams.set('startDate', String(request.startMs));
  url.searchParams.set('limit', String(request.limit));
  for (const type of request.types) url.searchParams.append('type', type);
  return url.toString();
}

/** Throws PageFailure, or the caller's abort reason. */
export async function fetchTimetablePage(client: PageClient, request: PageRequest): Promise<PageAnswer> {
  const maxAttempts = client.maxAttempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptPage(client, request);
    if (outcome.kind !== 'retry') return outcome;
    if (attempt >= maxAttempts) throw outcome.failure;
    await client.limiter.clock.sleep(outcome.delayMs ?? backoffMs(attempt), request.signal);
  }
}

type Attempt = PageAnswer | { readonly kind: 'retry'; readonly failure: PageFailure; readonly delayMs: number | null };

async function attemptPage(client: PageClient, request: PageRequest): Promise<Attempt> {
  await client.limiter.acquire(request.signal);
  const url = timetableUrl(request);
  const headers: Record<string, string> = {
    accept: 'application/json',
    apiToken: request.token,
    requestedAuth: request.username,
  };
  if (request.language !== null) headers['accept-language'] = request.language;
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const doFetch = client.fetch ?? (fetch as unknown as TimetableFetch);
  let status: number;
  let body: string;
  let retryAfter: string | null;
  try {
    const response = await doFetch(url, { method: 'GET', headers, signal });
    status = response.status;
    retryAfter = response.headers.get('retry-after');
    body = await response.text();
  } catch (error) {
    if (request.signal?.aborted) throw request.signal.reason;
    if (timeout.aborted) {
      const failure = new PageFailure('unreadable', `no answer within ${request.timeoutMs / 1000} s`, { cause: error });
      return { kind: 'retry', failure, delayMs: null };
    }
    if (error instanceof TypeError && /header|ByteString/i.test(error.message)) {
      // A username outside Latin-1 cannot be sent in an HTTP header: retrying will not help.
      throw new PageFailure('unreadable', `cannot send the request (${error.message})`, { cause: error });
    }
    const reason = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = reason?.code ?? reason?.message ?? (error as Error).message;
    const failure = new PageFailure('unreadable', `cannot reach MyTimetable (${detail})`, { cause: error });
    return { kind: 'retry', failure, delayMs: null };
  }
  const snippet = () => shorten(redact(body, request.token));
  if (status >= 200 && status < 300) return parsePage(body, request.token);
  if (status === 401) {
    throw new PageFailure(
      'unreadable',
      'MyTimetable refused the API token (401 Unauthorized): the token is wrong or expired, or it is not an elevated token (timetable-sync reads each person with an elevated token and the requestedAuth header; ask the MyTimetable administrator to set is_elevated for it)',
      { status },
    );
  }
  if (status === 403) {
    throw new PageFailure(
      'unreadable',
      `MyTimetable refused to show the timetable of user ${JSON.stringify(request.username)} (403 Forbidden): the API token is probably not elevated, so it may not read other users' timetables — ${snippet()}`,
    );
  }
  if ((status === 404 || status === 400) && namesUser(body, request.username)) {
    return { kind: 'unknown-user', detail: `MyTimetable answered ${status}: ${snippet()}` };
  }
  if (status === 404) {
    throw new PageFailure(
      'unreadable',
      `MyTimetable answered 404 Not Found for ${url.split('?')[0]}: check source.baseUrl (the API lives under {baseUrl}/api/v0/) — ${snippet()}`,
    );
  }
  if (status === 429 || status >= 500) {
    const what = status === 429 ? 'asked us to slow down (429; lower source.requestsPerSecond)' : `failed (${status})`;
    const failure = new PageFailure('unreadable', `MyTimetable ${what}: ${snippet()}`);
    return { kind: 'retry', failure, delayMs: retryAfterMs(retryAfter) };
  }
  throw new PageFailure('unreadable', `MyTimetable answered ${status}: ${snippet()}`);
}

function parsePage(body: string, token: string): PageAnswer {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (error) {
    const shown = body.trim() === '' ? 'an empty body' : shorten(redact(body, token));
    throw new PageFailure('malformed', `MyTimetable sent something that is not JSON: ${shown}`, { cause: error });
  }
  if (!Array.isArray(json)) {
    const got = json === null ? 'null' : typeof json === 'object' ? 'an object' : typeof json;
    throw new PageFailure('malformed', `MyTimetable sent ${got} where a JSON list of events was expected`);
  }
  return { kind: 'events', events: json };
}

/**
 * A 4xx that names the user is MyTimetable saying it has no such user (its wording differs per version). The name
 * must stand on its own (`jdoe`, not inside `jdoes`), with or without the domain prefix.
 */
function namesUser(body: string, username: string): boolean {
  const bare = username.replace(/^.*\\/, '');
  return [username, bare].some((name) => name !== '' && standsAlone(body, name));
}

function standsAlone(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w.@-])${escaped}($|[^\\w.@-])`, 'i').test(text);
}

function redact(text: string, token: string): string {
  return token === '' ? text : text.split(token).join('[token]');
}

function shorten(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  if (oneLine === '') return '(empty answer)';
  return oneLine.length > 200 ? `${oneLine.slice(0, 197)}...` : oneLine;
}

function retryAfterMs(header: string | null): number | null {
  if (header === null) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds, 60) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.min(Math.max(0, date - Date.now()), 60_000);
}

function backoffMs(attempt: number): number {
  return 500 * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5);
}

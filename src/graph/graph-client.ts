// The Microsoft Graph transport: one HTTP call, or one `$batch` POST of up to 20 calls with a result per item.
// It never retries batch items itself (the executor schedules those per mailbox); single reads can be retried.
import { createSecureContext, getCACertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import { type GraphError, GraphProtocolError, graphErrorFromResponse } from './graph-error.ts';
import { GraphStats, isThrottledStatus } from './graph-stats.ts';
import { type RetryOptions, retry } from './retry.ts';
import type { TokenProvider } from './token-provider.ts';
import { transportFailure } from './transport-failure.ts';

export const maxBatchSize = 20;

/**
 * Sent on every request: times come back in UTC (what the store keeps), and ids are immutable, so an event keeps
 * its id when Exchange moves it between folders. Creates must send it too, or the ids we store would differ from
 * the ones we read back later.
 */
export const preferHeader = 'outlook.timezone="UTC", IdType="ImmutableId"';

export interface GraphRequest {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Below the version root (`/users/…/events`), or an absolute `@odata.nextLink` on the same endpoint. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number>>;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Names the person in errors (a UPN, an object id). */
  readonly mailbox?: string;
}

export interface GraphResponse {
  readonly status: number;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  /** Set when the status is not 2xx. */
  readonly error: GraphError | undefined;
}

/** The part of `fetch` the client uses; tests inject one (a faulty network, a CA-trusting fetch). */
export type GraphFetch = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
) => Promise<{
  status: number;
  headers: { forEach(callback: (value: string, key: string) => void): void };
  text(): Promise<string>;
}>;

export interface GraphClientOptions {
  /** `https://graph.microsoft.com`, a national cloud's endpoint, or the emulator's origin. */
  readonly graphEndpoint: string;
  readonly tokenProvider: TokenProvider;
  /** An extra CA certificate (PEM) to trust besides the system roots: the emulator's. */
  readonly caPem?: string;
  /** Per HTTP request, headers and body included. */
  readonly timeoutMs?: number;
  readonly fetch?: GraphFetch;
  readonly stats?: GraphStats;
  /** How `requestOk` retries reads (the defaults of retry.ts otherwise). */
  readonly retry?: Partial<RetryOptions>;
}

export class GraphClient {
  readonly stats: GraphStats;
  readonly baseUrl: string;
  private readonly tokenProvider: TokenProvider;
  private readonly timeoutMs: number;
  private readonly fetch: GraphFetch;
  private readonly agent: Agent | undefined;
  private readonly retryOptions: Partial<RetryOptions>;

  constructor(options: GraphClientOptions) {
    this.baseUrl = `${options.graphEndpoint.replace(/\/+$/, '')}/v1.0`;
    this.tokenProvider = options.tokenProvider;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    this.stats = options.stats ?? new GraphStats();
    this.retryOptions = options.retry ?? {};
    if (options.fetch) {
      this.fetch = options.fetch;
    } else {
      // One secure context for every connection: building one from the system roots plus the extra CA costs
      // about 15 ms of CPU, which `ca` alone would spend again on each of the many connections a run opens.
      const ca = options.caPem ? [...getCACertificates('default'), options.caPem] : undefined;
      const agent = new Agent({
        connect: ca ? { secureContext: createSecureContext({ ca }) } : {},
        keepAliveTimeout: 30_000,
      });
      this.agent = agent;
      this.fetch = (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
    }
  }

  /**
   * One HTTP call. Non-2xx answers come back with `error` set; only a broken exchange throws (GraphTransportError,
   * or GraphProtocolError for a 2xx whose JSON cannot be read).
   */
  async request(request: GraphRequest): Promise<GraphResponse> {
    const headers: Record<string, string> = { prefer: preferHeader, ...lowerCaseKeys(request.headers) };
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.exchange(request.method, this.url(request), headers, body, request.mailbox);
    if (isThrottledStatus(response.status)) this.stats.throttled++;
    return response;
  }

  /**
   * One call that must succeed: throttled and transient failures are retried (bounded, honouring Retry-After),
   * anything else is thrown as a GraphError. For reads; writes go through `batch` and the executor.
   */
  async requestOk(request: GraphRequest, retryOverrides: Partial<RetryOptions> = {}): Promise<GraphResponse> {
    return retry(
      async () => {
        const response = await this.request(request);
        if (response.error) throw response.error;
        return response;
      },
      {
        ...this.retryOptions,
        ...retryOverrides,
        onRetry: (error, attempt, delay) => {
          this.stats.recordRetry();
          (retryOverrides.onRetry ?? this.retryOptions.onRetry)?.(error, attempt, delay);
        },
      },
    );
  }

  /**
   * One `$batch` POST of at most 20 calls; the result per item comes back in the order of `requests`, never thrown.
   * Throws when the batch as a whole fails: GraphTransportError (timeout, reset: the items may have run),
   * GraphError (the POST itself answered non-2xx, e.g. 429/503 with Retry-After, or 401), GraphProtocolError;
   * and whatever the token provider throws (AuthError). `classifyFailure(error).ambiguous` says whether the items
   * may have run.
   */
  async batch(requests: readonly GraphRequest[]): Promise<GraphResponse[]> {
    if (requests.length === 0) return [];
    if (requests.length > maxBatchSize) {
      throw new RangeError(`a $batch holds at most ${maxBatchSize} requests, got ${requests.length}`);
    }
    const mailbox = commonMailbox(requests);
    const payload = { requests: requests.map((request, index) => this.batchItem(request, index)) };
    const outer = await this.exchange(
      'POST',
      `${this.baseUrl}/$batch`,
      { 'content-type': 'application/json' },
      JSON.stringify(payload),
      mailbox,
    );
    this.stats.batchItems += requests.length;
    if (outer.error) {
      if (isThrottledStatus(outer.status)) this.stats.throttled++;
      throw outer.error;
    }
    return this.batchResults(outer.body, requests, mailbox);
  }

  async close(): Promise<void> {
    await this.agent?.close();
  }

  private batchItem(request: GraphRequest, index: number): Record<string, unknown> {
    const headers: Record<string, string> = { prefer: preferHeader, ...lowerCaseKeys(request.headers) };
    const item: Record<string, unknown> = {
      id: String(index + 1),
      method: request.method,
      url: this.relativeUrl(request),
    };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      item.body = request.body;
    }
    item.headers = headers;
    return item;
  }

  private batchResults(body: unknown, requests: readonly GraphRequest[], mailbox: string | undefined): GraphResponse[] {
    const responses = (body as { responses?: unknown } | undefined)?.responses;
    if (!Array.isArray(responses)) throw new GraphProtocolError('a $batch answer without `responses`', mailbox);
    const byId = new Map<string, Record<string, unknown>>();
    for (const response of responses) {
      if (typeof response === 'object' && response !== null) {
        byId.set(String((response as { id?: unknown }).id), response as Record<string, unknown>);
      }
    }
    return requests.map((request, index) => {
      const item = byId.get(String(index + 1));
      if (!item || typeof item.status !== 'number') {
        throw new GraphProtocolError(`$batch answer has no result for item ${index + 1}`, mailbox);
      }
      const headers = lowerCaseKeys(item.headers as Record<string, string> | undefined);
      const error =
        item.status >= 200 && item.status < 300
          ? undefined
          : graphErrorFromResponse(item.status, headers, item.body, request.mailbox);
      if (isThrottledStatus(item.status)) this.stats.throttled++;
      return { status: item.status, headers, body: item.body, error };
    });
  }

  private async exchange(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    mailbox: string | undefined,
  ): Promise<GraphResponse> {
    const token = await this.tokenProvider.getToken();
    const init = {
      method,
      headers: { ...headers, authorization: `Bearer ${token}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.timeoutMs),
      ...(body === undefined ? {} : { body }),
    };
    this.stats.httpRequests++;
    let status: number;
    let text: string;
    const responseHeaders: Record<string, string> = {};
    try {
      const response = await this.fetch(url, init);
      status = response.status;
      response.headers.forEach((value, key) => {
        responseHeaders[key.toLowerCase()] = value;
      });
      text = await response.text();
    } catch (error) {
      this.stats.transportFailures++;
      throw transportFailure(error, mailbox);
    }
    const parsed = parseBody(text, responseHeaders['content-type']);
    const ok = status >= 200 && status < 300;
    if (ok && parsed.malformed) throw new GraphProtocolError(`${status} with a body that is not JSON`, mailbox);
    return {
      status,
      headers: responseHeaders,
      body: parsed.value,
      error: ok ? undefined : graphErrorFromResponse(status, responseHeaders, parsed.value, mailbox),
    };
  }

  private url(request: GraphRequest): string {
    return `${this.baseUrl}${this.relativeUrl(request)}`;
  }

  /** The path and query below the version root, as `$batch` items carry it. */
  private relativeUrl(request: GraphRequest): string {
    let path = request.path;
    if (/^https?:/i.test(path)) {
      // Never send the token anywhere but the configured endpoint, whatever a nextLink says.
      if (!path.startsWith(`${this.baseUrl}/`)) {
        throw new GraphProtocolError(`a link outside ${this.baseUrl}: ${path}`, request.mailbox);
      }
      path = path.slice(this.baseUrl.length);
    }
    const query = Object.entries(request.query ?? {})
      .map(([key, value]) => `${key}=${encodeURIComponent(String(value))}`)
      .join('&');
    if (!query) return path;
    return `${path}${path.includes('?') ? '&' : '?'}${query}`;
  }
}

function parseBody(text: string, contentType: string | undefined): { value: unknown; malformed: boolean } {
  if (text.length === 0) return { value: undefined, malformed: false };
  if (!contentType?.includes('json')) return { value: text, malformed: false };
  try {
    return { value: JSON.parse(text), malformed: false };
  } catch {
    // Kept as text; a 2xx with such a body is a protocol error (raised by the caller), an error status keeps it.
    return { value: text, malformed: true };
  }
}

function lowerCaseKeys(headers: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers ?? {})) result[key.toLowerCase()] = String(value);
  return result;
}

function commonMailbox(requests: readonly GraphRequest[]): string | undefined {
  const first = requests[0]?.mailbox;
  return requests.every((request) => request.mailbox === first) ? first : undefined;
}

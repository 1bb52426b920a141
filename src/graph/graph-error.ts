// The ways a Microsoft Graph call fails: Graph answered with an error (GraphError), the HTTP exchange itself broke
// (GraphTransportError), or Graph answered something we cannot read (GraphProtocolError).
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

export interface GraphErrorFields {
  readonly status: number;
  /** Graph's error code, e.g. `ErrorItemNotFound`, `MailboxNotEnabledForRESTAPI`, `TooManyRequests`. */
  readonly graphCode: string;
  readonly message: string;
  readonly retryAfterMs?: number | undefined;
  readonly requestId?: string | undefined;
  /** The mailbox the request was about (a UPN, an object id, or `me`), so the error names the person. */
  readonly mailbox?: string | undefined;
}

/** Code `GRAPH_ERROR`; Graph's own code is `graphCode`. */
export class GraphError extends TimetableSyncError {
  readonly status: number;
  readonly graphCode: string;
  readonly graphMessage: string;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;
  readonly mailbox: string | undefined;

  constructor(fields: GraphErrorFields) {
    const about = fields.mailbox ? ` for mailbox ${fields.mailbox}` : '';
    const request = fields.requestId ? ` (request-id ${fields.requestId})` : '';
    super(
      'GRAPH_ERROR',
      `Microsoft Graph answered ${fields.status} ${fields.graphCode}${about}: ${fields.message}${request}`,
    );
    this.status = fields.status;
    this.graphCode = fields.graphCode;
    this.graphMessage = fields.message;
    this.retryAfterMs = fields.retryAfterMs;
    this.requestId = fields.requestId;
    this.mailbox = fields.mailbox;
  }
}

/**
 * `timeout` and `reset`: the request may have reached Graph and taken effect (ambiguous for writes).
 * `connect`: no connection was made, nothing was sent. `tls`: the server's certificate is not trusted (a
 * configuration problem: caFile, or a proxy that intercepts TLS).
 */
export type TransportFailure = 'timeout' | 'reset' | 'connect' | 'tls';

/** Code `GRAPH_TRANSPORT`; what broke is `failure`. */
export class GraphTransportError extends TimetableSyncError {
  readonly failure: TransportFailure;
  readonly mailbox: string | undefined;

  constructor(
    failure: TransportFailure,
    detail: string,
    options: { mailbox?: string | undefined; cause?: unknown } = {},
  ) {
    const about = options.mailbox ? ` for mailbox ${options.mailbox}` : '';
    super('GRAPH_TRANSPORT', `Microsoft Graph request${about} failed (${failure}): ${detail}`, {
      cause: options.cause,
    });
    this.failure = failure;
    this.mailbox = options.mailbox;
  }
}

/** Graph answered 2xx with a body we cannot use (not JSON, no `value` array, an event without our marker). */
/** Code `GRAPH_PROTOCOL`. */
export class GraphProtocolError extends TimetableSyncError {
  readonly mailbox: string | undefined;

  constructor(detail: string, mailbox?: string) {
    super(
      'GRAPH_PROTOCOL',
      `Microsoft Graph sent an unexpected answer${mailbox ? ` for mailbox ${mailbox}` : ''}: ${detail}`,
    );
    this.mailbox = mailbox;
  }
}

export type GraphFailure = GraphError | GraphTransportError;

export function isGraphFailure(error: unknown): error is GraphFailure {
  return error instanceof GraphError || error instanceof GraphTransportError;
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or bad. */
export function parseRetryAfter(value: string | undefined, now: number = Date.now()): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * Builds the GraphError for a non-2xx answer from its status, headers (lower-case names) and parsed body,
 * whether it came over HTTP or as a `$batch` item.
 */
export function graphErrorFromResponse(
  status: number,
  headers: Readonly<Record<string, string>>,
  body: unknown,
  mailbox?: string,
): GraphError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const inner = error && isRecord(error.innerError) ? error.innerError : undefined;
  const code = typeof error?.code === 'string' ? error.code : `Http${status}`;
  const message =
    typeof error?.message === 'string'
      ? error.message
      : typeof body === 'string' && body.length > 0
        ? body.slice(0, 500)
        : 'no error details in the response';
  const innerRequestId = inner?.['request-id'];
  return new GraphError({
    status,
    graphCode: code,
    message,
    retryAfterMs: parseRetryAfter(headers['retry-after']),
    requestId: headers['request-id'] ?? (typeof innerRequestId === 'string' ? innerRequestId : undefined),
    mailbox,
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

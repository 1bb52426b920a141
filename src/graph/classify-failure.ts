// What a failed Graph call means for the caller: wait and retry, treat as done, stop this person, or give up.
// One table for the executor, the listing and the doctor, so the same answer is never read two ways.
import { GraphError, type GraphFailure, GraphProtocolError, GraphTransportError } from './graph-error.ts';

export type FailureKind =
  /** 429, 503, 504: Graph asks us to slow down; retry after `Retry-After`, else backoff with jitter. */
  | 'throttled'
  /** Connection reset or timeout: the request may or may not have taken effect. */
  | 'transient'
  /** 500, 502 and other 5xx: Graph failed; retry with backoff. */
  | 'server'
  /** 404 ErrorItemNotFound: the event no longer exists (a delete of it is a success). */
  | 'gone'
  /** The mailbox cannot be used (none, unknown user, access policy): stop this person, not the run. */
  | 'mailbox'
  /** 412/409: the event changed since we read its changeKey. */
  | 'conflict'
  /** 401: the token was refused. */
  | 'auth'
  /** Any other 4xx (or an answer we cannot read): our request is wrong; retrying does not help. */
  | 'bad-request';

export interface FailureClass {
  readonly kind: FailureKind;
  readonly retryable: boolean;
  /**
   * The request may have reached Graph and taken effect. For a create this means: look the event up by marker
   * before creating it again.
   */
  readonly ambiguous: boolean;
  /** Graph's `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;
}

const mailboxCodes = new Set([
  'MailboxNotEnabledForRESTAPI',
  'MailboxNotSupportedForRESTAPI',
  'ErrorInvalidUser',
  'ErrorNonExistentMailbox',
  'ErrorAccessDenied',
]);

export function classifyFailure(error: GraphFailure | GraphProtocolError): FailureClass {
  if (error instanceof GraphTransportError) {
    switch (error.failure) {
      case 'timeout':
      case 'reset':
        return failure('transient', true, true);
      case 'connect':
        return failure('transient', true, false);
      case 'tls':
        return failure('bad-request', false, false);
    }
  }
  // An answer we cannot read: whatever the request was, we do not know whether it took effect.
  if (error instanceof GraphProtocolError) return failure('bad-request', false, true);
  return classifyStatus(error);
}

function classifyStatus(error: GraphError): FailureClass {
  const { status, graphCode: code, retryAfterMs } = error;
  // 429 and 503 are refusals before any work; a 504 gateway timeout may have let the work through.
  if (status === 429 || status === 503) return failure('throttled', true, false, retryAfterMs);
  if (status === 504) return failure('throttled', true, true, retryAfterMs);
  if (status >= 500) return failure('server', true, true, retryAfterMs);
  if (status === 401) return failure('auth', false, false);
  if (status === 412 || status === 409) return failure('conflict', false, false);
  if (status === 404 && code === 'ErrorItemNotFound') return failure('gone', false, false);
  if ((status === 404 || status === 403) && mailboxCodes.has(code)) return failure('mailbox', false, false);
  return failure('bad-request', false, false);
}

function failure(
  kind: FailureKind,
  retryable: boolean,
  ambiguous: boolean,
  retryAfterMs?: number | undefined,
): FailureClass {
  return { kind, retryable, ambiguous, retryAfterMs };
}

/** Convenience for callers holding an `unknown` from a catch: GraphErrors and transport errors only. */
export function failureClassOf(error: unknown): FailureClass | undefined {
  if (error instanceof GraphError || error instanceof GraphTransportError || error instanceof GraphProtocolError) {
    return classifyFailure(error);
  }
  return undefined;
}

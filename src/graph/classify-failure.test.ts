import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify-failure.ts';
import {
  GraphError,
  GraphProtocolError,
  GraphTransportError,
  graphErrorFromResponse,
  parseRetryAfter,
} from './graph-error.ts';

function graphError(status: number, code: string, retryAfterMs?: number): GraphError {
  return new GraphError({ status, graphCode: code, message: 'm', retryAfterMs, mailbox: 's1@uni.example' });
}

describe('classifyFailure', () => {
  it.each([
    [429, 'TooManyRequests', 'throttled', true, false],
    [429, 'ApplicationThrottled', 'throttled', true, false],
    [503, 'ServiceUnavailable', 'throttled', true, false],
    [504, 'GatewayTimeout', 'throttled', true, true],
    [500, 'InternalServerError', 'server', true, true],
    [404, 'ErrorItemNotFound', 'gone', false, false],
    [404, 'MailboxNotEnabledForRESTAPI', 'mailbox', false, false],
    [404, 'ErrorInvalidUser', 'mailbox', false, false],
    [403, 'ErrorAccessDenied', 'mailbox', false, false],
    [412, 'ErrorIrresolvableConflict', 'conflict', false, false],
    [401, 'InvalidAuthenticationToken', 'auth', false, false],
    [400, 'ErrorInvalidRequest', 'bad-request', false, false],
    [404, 'SomethingElse', 'bad-request', false, false],
  ] as const)('%i %s is %s', (status, code, kind, retryable, ambiguous) => {
    expect(classifyFailure(graphError(status, code))).toMatchObject({ kind, retryable, ambiguous });
  });

  it('carries Retry-After of throttled answers', () => {
    expect(classifyFailure(graphError(429, 'TooManyRequests', 7000)).retryAfterMs).toBe(7000);
  });

  it('treats a timeout or reset as retryable but ambiguous (a write may have happened)', () => {
    for (const code of ['timeout', 'reset'] as const) {
      expect(classifyFailure(new GraphTransportError(code, 'x'))).toMatchObject({
        kind: 'transient',
        retryable: true,
        ambiguous: true,
      });
    }
  });

  it('treats a refused connection as retryable and not ambiguous, an untrusted certificate as final', () => {
    expect(classifyFailure(new GraphTransportError('connect', 'x'))).toMatchObject({
      retryable: true,
      ambiguous: false,
    });
    expect(classifyFailure(new GraphTransportError('tls', 'x'))).toMatchObject({ retryable: false });
  });

  it('treats an unreadable answer as final and ambiguous', () => {
    expect(classifyFailure(new GraphProtocolError('x'))).toMatchObject({ retryable: false, ambiguous: true });
  });
});

describe('graphErrorFromResponse', () => {
  it('reads code, message, request-id and Retry-After from Graph error answers', () => {
    const error = graphErrorFromResponse(
      429,
      { 'retry-after': '12' },
      {
        error: {
          code: 'ApplicationThrottled',
          message: 'Application is over its MailboxConcurrency limit.',
          innerError: { 'request-id': 'abc' },
        },
      },
      's1@uni.example',
    );
    expect(error).toMatchObject({
      status: 429,
      graphCode: 'ApplicationThrottled',
      retryAfterMs: 12_000,
      requestId: 'abc',
    });
    expect(error.message).toContain('s1@uni.example');
    expect(error.message).toContain('MailboxConcurrency');
  });

  it('names a status without a Graph body', () => {
    expect(graphErrorFromResponse(502, {}, '<html>Bad gateway</html>').graphCode).toBe('Http502');
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

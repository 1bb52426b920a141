import { describe, expect, it } from 'vitest';
import { GraphError, GraphTransportError } from './graph-error.ts';
import { backoffDelayMs, retry } from './retry.ts';

const throttled = (retryAfterMs?: number) =>
  new GraphError({ status: 429, graphCode: 'TooManyRequests', message: 'slow down', retryAfterMs });

function recorder() {
  const sleeps: number[] = [];
  return { sleeps, sleep: async (ms: number) => void sleeps.push(ms) };
}

describe('retry', () => {
  it('waits what Retry-After says, then succeeds', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const result = await retry(
      async () => {
        calls++;
        if (calls < 3) throw throttled(2000);
        return 'ok';
      },
      { sleep },
    );
    expect(result).toBe('ok');
    expect(sleeps).toEqual([2000, 2000]);
  });

  it('backs off exponentially with full jitter when there is no Retry-After', async () => {
    const { sleeps, sleep } = recorder();
    await expect(
      retry(
        async () => {
          throw new GraphTransportError('reset', 'socket hang up');
        },
        { sleep, random: () => 0.5, maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 },
      ),
    ).rejects.toBeInstanceOf(GraphTransportError);
    // 0.5 × min(500, 100·2^(n-1)) for the four waits between five attempts.
    expect(sleeps).toEqual([50, 100, 200, 250]);
  });

  it('gives up after the last attempt and throws the last error as it was', async () => {
    const { sleeps, sleep } = recorder();
    let calls = 0;
    const last = throttled(10);
    await expect(
      retry(
        async () => {
          calls++;
          throw calls === 3 ? last : throttled(10);
        },
        { sleep, maxAttempts: 3 },
      ),
    ).rejects.toBe(last);
    expect(calls).toBe(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry what retrying cannot fix', async () => {
    const { sleeps, sleep } = recorder();
    const notFound = new GraphError({ status: 404, graphCode: 'ErrorInvalidUser', message: 'no such user' });
    await expect(
      retry(
        async () => {
          throw notFound;
        },
        { sleep },
      ),
    ).rejects.toBe(notFound);
    expect(sleeps).toEqual([]);
  });

  it('does not retry errors that are not Graph failures (bugs surface at once)', async () => {
    const { sleeps, sleep } = recorder();
    await expect(
      retry(
        async () => {
          throw new TypeError('x is undefined');
        },
        { sleep },
      ),
    ).rejects.toBeInstanceOf(TypeError);
    expect(sleeps).toEqual([]);
  });

  it('does not wait out a Retry-After longer than allowed', async () => {
    const { sleeps, sleep } = recorder();
    await expect(
      retry(
        async () => {
          throw throttled(3_600_000);
        },
        { sleep, maxRetryAfterMs: 60_000 },
      ),
    ).rejects.toBeInstanceOf(GraphError);
    expect(sleeps).toEqual([]);
  });

  it('lets the caller refuse ambiguous failures (writes) and reports each retry', async () => {
    const { sleeps, sleep } = recorder();
    const retried: number[] = [];
    await expect(
      retry(
        async () => {
          throw new GraphTransportError('timeout', 'no answer');
        },
        { sleep, shouldRetry: (failure) => failure.retryable && !failure.ambiguous },
      ),
    ).rejects.toBeInstanceOf(GraphTransportError);
    let calls = 0;
    await retry(
      async () => {
        if (++calls < 2) throw throttled(5);
      },
      { sleep, onRetry: (_error, attempt, delay) => retried.push(attempt, delay) },
    );
    expect(sleeps).toEqual([5]);
    expect(retried).toEqual([1, 5]);
  });
});

describe('backoffDelayMs', () => {
  it('stays within [0, min(max, base·2^(attempt-1)))', () => {
    const options = { baseDelayMs: 500, maxDelayMs: 30_000 };
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** (attempt - 1));
      expect(backoffDelayMs(attempt, options, () => 0)).toBe(0);
      expect(backoffDelayMs(attempt, options, () => 0.999999)).toBeLessThan(ceiling);
      expect(backoffDelayMs(attempt, options, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
    }
  });
});

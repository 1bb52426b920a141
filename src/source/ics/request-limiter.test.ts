import { describe, expect, it } from 'vitest';
import { createRequestLimiter } from './request-limiter.ts';

describe('request limiter', () => {
  it('never runs more than maxConcurrent tasks at once, and runs them all', async () => {
    const limiter = createRequestLimiter({ maxConcurrent: 3, perSecond: 1_000_000 });
    let active = 0;
    let most = 0;
    const task = async (value: number) => {
      active++;
      most = Math.max(most, active);
      await new Promise((resolve) => setImmediate(resolve));
      active--;
      return value;
    };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => limiter.run(() => task(i))));
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it('spaces the starts to the rate it is given', async () => {
    let clock = 0;
    const waits: number[] = [];
    const limiter = createRequestLimiter({
      maxConcurrent: 10,
      perSecond: 4,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const starts: number[] = [];
    for (let i = 0; i < 4; i++) await limiter.run(async () => starts.push(clock));
    expect(starts).toEqual([0, 250, 500, 750]);
  });

  it('gives the place back when a task fails', async () => {
    const limiter = createRequestLimiter({ maxConcurrent: 1, perSecond: 1_000_000 });
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(async () => 'next')).resolves.toBe('next');
  });
});

import { describe, expect, it } from 'vitest';
import { type Clock, RateLimiter } from './rate-limiter.ts';

/** A clock that moves only when someone sleeps, and remembers when each acquire got through. */
function fakeClock(): Clock & { time: number; sleeps: number[] } {
  const clock = {
    time: 0,
    sleeps: [] as number[],
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.sleeps.push(ms);
      clock.time += ms;
    },
  };
  return clock;
}

describe('RateLimiter', () => {
  it('lets a burst through at once, then spaces requests at the configured rate', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 5, clock });
    const waits = Array.from({ length: 8 }, () => limiter.reserve());
    expect(waits).toEqual([0, 0, 0, 0, 0, 200, 400, 600]);
  });

  it('schedules sequential callers no faster than the rate over any stretch', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 10, burst: 2, clock });
    const granted: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.acquire();
      granted.push(clock.time);
    }
    // 2 at once, then one every 100 ms: 30 requests take 2.8 s.
    expect(granted.slice(0, 4)).toEqual([0, 0, 100, 200]);
    expect(granted.at(-1)).toBe(2800);
    for (let i = 2; i < granted.length; i++) expect((granted[i] as number) - (granted[i - 1] as number)).toBe(100);
  });

  it('serves concurrent callers in the order they asked, sharing one rate', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 4, burst: 1, clock });
    const waits = Array.from({ length: 4 }, () => limiter.reserve());
    expect(waits).toEqual([0, 250, 500, 750]);
  });

  it('refills after a quiet spell, but never beyond the burst', () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ requestsPerSecond: 2, burst: 2, clock });
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 0, 500]);
    clock.time = 60_000;
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 0, 500]);
  });

  it('takes fractional rates (one request every 2 s)', () => {
    const limiter = new RateLimiter({ requestsPerSecond: 0.5, clock: fakeClock() });
    expect([limiter.reserve(), limiter.reserve(), limiter.reserve()]).toEqual([0, 2000, 4000]);
  });
});

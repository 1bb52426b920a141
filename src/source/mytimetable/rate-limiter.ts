// A small token bucket that keeps MyTimetable requests at the configured rate, shared by every person a process
// syncs: the timetabling system is one server the whole university uses, and a sync run must not crowd it out.
import { setTimeout as sleepFor } from 'node:timers/promises';

/** Time as the limiter sees it; tests pass a fake one and check the schedule instead of waiting. */
export interface Clock {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms, signal) => sleepFor(ms, undefined, signal ? { signal } : {}),
};

export interface RateLimiterOptions {
  readonly requestsPerSecond: number;
  /** Requests that may go at once after a quiet spell (default: one second's worth, at least 1). */
  readonly burst?: number;
  readonly clock?: Clock;
}

/**
 * The generic cell rate algorithm: one "theoretical arrival time" instead of a refilling counter, so a reservation is
 * a single subtraction and concurrent callers are served in the order they asked, without a queue.
 */
export class RateLimiter {
  readonly clock: Clock;
  private readonly intervalMs: number;
  private readonly toleranceMs: number;
  private arrival = Number.NEGATIVE_INFINITY;

  constructor(options: RateLimiterOptions) {
    if (!(options.requestsPerSecond > 0)) throw new RangeError('requestsPerSecond must be more than 0');
    const burst = Math.max(1, Math.floor(options.burst ?? options.requestsPerSecond));
    this.intervalMs = 1000 / options.requestsPerSecond;
    this.toleranceMs = (burst - 1) * this.intervalMs;
    this.clock = options.clock ?? systemClock;
  }

  /** Reserves the next slot and says how many milliseconds to wait for it (0: go now). */
  reserve(): number {
    const now = this.clock.now();
    const arrival = Math.max(this.arrival, now);
    this.arrival = arrival + this.intervalMs;
    return Math.max(0, arrival - this.toleranceMs - now);
  }

  /** Waits for a slot; an aborted wait gives its slot up (the rate only gets lower, never higher). */
  async acquire(signal?: AbortSignal): Promise<void> {
    const wait = this.reserve();
    if (wait > 0) await this.clock.sleep(wait, signal);
  }
}

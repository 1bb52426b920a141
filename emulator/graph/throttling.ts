// Exchange Online's throttling as Graph passes it on: per application and mailbox (concurrency and a 10-minute
// request rate) and per application across every mailbox (requests per 10 seconds). Limits are read on every call,
// so a change through the inspection API applies at once.
import type { EmulatorContext } from '../context.ts';
import type { Limits } from '../seed.ts';
import { type GraphResponse, graphError } from './graph-request.ts';

const mailboxWindowMs = 10 * 60_000;
const applicationWindowMs = 10_000;

export type ThrottleVerdict =
  | { readonly admitted: true; readonly release: () => void }
  | { readonly admitted: false; readonly response: GraphResponse };

/** Arrival times inside a sliding window, oldest first; pruned as time moves on. */
class SlidingWindow {
  private stamps: number[] = [];
  private head = 0;

  /** How many arrivals are newer than `since`. */
  count(since: number): number {
    while (this.head < this.stamps.length && (this.stamps[this.head] ?? 0) <= since) this.head++;
    if (this.head > 1024 && this.head * 2 > this.stamps.length) {
      this.stamps = this.stamps.slice(this.head);
      this.head = 0;
    }
    return this.stamps.length - this.head;
  }

  /** The arrival time of the n-th oldest arrival still in the window (0 = oldest). */
  nth(n: number): number {
    return this.stamps[this.head + n] ?? Date.now();
  }

  add(now: number): void {
    this.stamps.push(now);
  }
}

interface MailboxTraffic {
  inFlight: number;
  readonly window: SlidingWindow;
}

export class Throttle {
  private readonly mailboxes = new Map<string, MailboxTraffic>();
  private readonly applications = new Map<string, SlidingWindow>();

  /**
   * Lets a request in, or answers 429 the way Graph does. `mailbox` is the target mailbox's user id (undefined when
   * the request targets none: only the application-wide limit applies). Rejected requests do not use up the window.
   */
  admit(clientId: string, mailbox: string | undefined, limits: Limits, now = Date.now()): ThrottleVerdict {
    let application = this.applications.get(clientId);
    if (!application) {
      application = new SlidingWindow();
      this.applications.set(clientId, application);
    }
    const appCount = application.count(now - applicationWindowMs);
    if (appCount >= limits.appRequestsPer10Seconds) {
      const freeAt = application.nth(appCount - limits.appRequestsPer10Seconds) + applicationWindowMs;
      return rejected(
        'TooManyRequests',
        `Too many requests from Identifier:${clientId} under category:throttle.graph.application.`,
        secondsUntil(freeAt, now),
      );
    }

    let traffic: MailboxTraffic | undefined;
    if (mailbox !== undefined) {
      const key = `${clientId}|${mailbox}`;
      traffic = this.mailboxes.get(key);
      if (!traffic) {
        traffic = { inFlight: 0, window: new SlidingWindow() };
        this.mailboxes.set(key, traffic);
      }
      const count = traffic.window.count(now - mailboxWindowMs);
      if (count >= limits.mailboxRequestsPer10Minutes) {
        const freeAt = traffic.window.nth(count - limits.mailboxRequestsPer10Minutes) + mailboxWindowMs;
        return rejected(
          'ApplicationThrottled',
          'Application is over its RequestRate limit.',
          secondsUntil(freeAt, now),
        );
      }
      // Not time-based: Retry-After 1 means "once one of your requests to this mailbox has finished".
      if (traffic.inFlight >= limits.mailboxConcurrency) {
        return rejected('ApplicationThrottled', 'Application is over its MailboxConcurrency limit.', 1);
      }
      traffic.window.add(now);
      traffic.inFlight++;
    }
    application.add(now);

    let released = false;
    const admitted = traffic;
    return {
      admitted: true,
      release: () => {
        if (released || !admitted) return;
        released = true;
        admitted.inFlight--;
      },
    };
  }

  /** Requests in flight per `clientId|mailbox`, for the inspection API. */
  inFlight(): Record<string, number> {
    const result: Record<string, number> = {};
    for (const [key, traffic] of this.mailboxes) if (traffic.inFlight > 0) result[key] = traffic.inFlight;
    return result;
  }

  /** Forgets every window and count (the inspection API's reset); requests in flight no longer count. */
  reset(): void {
    this.mailboxes.clear();
    this.applications.clear();
  }
}

function rejected(code: string, message: string, retryAfterSeconds: number): ThrottleVerdict {
  return { admitted: false, response: graphError(429, code, message, { 'Retry-After': String(retryAfterSeconds) }) };
}

function secondsUntil(at: number, now: number): number {
  return Math.max(1, Math.ceil((at - now) / 1000));
}

const throttles = new WeakMap<EmulatorContext, Throttle>();

/** The throttle of one emulator (kept beside the context, which knows nothing of HTTP). */
export function throttleOf(context: EmulatorContext): Throttle {
  let throttle = throttles.get(context);
  if (!throttle) {
    throttle = new Throttle();
    throttles.set(context, throttle);
  }
  return throttle;
}

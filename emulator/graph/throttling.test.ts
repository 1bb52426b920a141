import { describe, expect, it } from 'vitest';
import { limitsSchema } from '../seed.ts';
import { Throttle } from './throttling.ts';

const limits = (change: Record<string, unknown> = {}) => limitsSchema.parse(change);
const errorOf = (verdict: ReturnType<Throttle['admit']>) =>
  verdict.admitted ? undefined : (verdict.response.body as { error: { code: string; message: string } }).error;
const retryAfterOf = (verdict: ReturnType<Throttle['admit']>) =>
  verdict.admitted ? undefined : Number(verdict.response.headers?.['Retry-After']);

describe('Throttle', () => {
  it('refuses the fifth concurrent request to one mailbox and lets it in once one finished', () => {
    const throttle = new Throttle();
    const running = [1, 2, 3, 4].map(() => throttle.admit('app', 'mbx', limits(), 0));
    expect(running.every((v) => v.admitted)).toBe(true);
    const fifth = throttle.admit('app', 'mbx', limits(), 0);
    expect(fifth.admitted).toBe(false);
    expect(errorOf(fifth)).toEqual({
      code: 'ApplicationThrottled',
      message: 'Application is over its MailboxConcurrency limit.',
      innerError: expect.anything(),
    });
    expect(retryAfterOf(fifth)).toBe(1);
    if (running[0]?.admitted) running[0].release();
    expect(throttle.admit('app', 'mbx', limits(), 0).admitted).toBe(true);
  });

  it('keeps mailboxes and applications apart', () => {
    const throttle = new Throttle();
    for (let i = 0; i < 4; i++) throttle.admit('app', 'a', limits(), 0);
    expect(throttle.admit('app', 'a', limits(), 0).admitted).toBe(false);
    expect(throttle.admit('app', 'b', limits(), 0).admitted).toBe(true);
    expect(throttle.admit('other-app', 'a', limits(), 0).admitted).toBe(true);
  });

  it('counts requests in a sliding 10-minute window and says when a slot frees', () => {
    const throttle = new Throttle();
    const rate = limits({ mailboxRequestsPer10Minutes: 3 });
    for (const at of [0, 1_000, 2_000]) {
      const verdict = throttle.admit('app', 'mbx', rate, at);
      if (verdict.admitted) verdict.release();
    }
    const refused = throttle.admit('app', 'mbx', rate, 60_000);
    expect(errorOf(refused)?.message).toBe('Application is over its RequestRate limit.');
    expect(retryAfterOf(refused)).toBe(540);
    expect(throttle.admit('app', 'mbx', rate, 600_001).admitted).toBe(true);
  });

  it('limits an application across all mailboxes per 10 seconds', () => {
    const throttle = new Throttle();
    const app = limits({ appRequestsPer10Seconds: 2 });
    throttle.admit('app', 'a', app, 0);
    throttle.admit('app', 'b', app, 500);
    const refused = throttle.admit('app', 'c', app, 1_000);
    expect(errorOf(refused)?.code).toBe('TooManyRequests');
    expect(retryAfterOf(refused)).toBe(9);
    expect(throttle.admit('app', 'c', app, 10_001).admitted).toBe(true);
  });

  it('does not count refused requests against the window', () => {
    const throttle = new Throttle();
    const rate = limits({ mailboxRequestsPer10Minutes: 1 });
    throttle.admit('app', 'mbx', rate, 0);
    for (let i = 0; i < 5; i++) throttle.admit('app', 'mbx', rate, 1_000);
    expect(throttle.admit('app', 'mbx', rate, 600_001).admitted).toBe(true);
  });
});

// Throttling per application and mailbox, as Exchange Online does it behind Graph: concurrency, the 10-minute
// request rate, and the application-wide limit; limits changed at run time through the inspection API.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { countersOf, graph, inspect } from './graph-http-client.ts';

describe('Graph throttling', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => inspect(emulator, 'POST', '/reset'));

  const list = (upn: string) => graph(emulator, token, 'GET', `/users/${upn}/events`);

  it('answers 429 ApplicationThrottled past 4 requests at once to one mailbox, and leaves another mailbox alone', async () => {
    // Slow requests, so that six to s1 are in flight together.
    await inspect(emulator, 'PUT', '/limits', { latencyMs: { min: 500, max: 500 } });
    const s1 = Array.from({ length: 6 }, () => list(people.s1.upn));
    const s2 = list(people.s2.upn);
    const answers = await Promise.all(s1);

    const throttled = answers.filter((answer) => answer.status === 429);
    expect(throttled).toHaveLength(2);
    for (const answer of throttled) {
      expect(answer.body.error.code).toBe('ApplicationThrottled');
      expect(answer.body.error.message).toBe('Application is over its MailboxConcurrency limit.');
      expect(Number(answer.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    }
    expect((await s2).status).not.toBe(429);

    const counters = await countersOf(emulator, people.s1.id);
    expect(counters).toMatchObject({ requests: 6, throttled: 2 });
    expect((await countersOf(emulator, people.s2.id)).throttled).toBe(0);
  });

  it('lets a mailbox be used again once its requests finished', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxConcurrency: 1, latencyMs: { min: 300, max: 300 } });
    const [first, second] = await Promise.all([list(people.s1.upn), list(people.s1.upn)]);
    expect([first?.status, second?.status]).toContain(429);
    expect((await list(people.s1.upn)).status).not.toBe(429);
  });

  it('answers 429 with a Retry-After past mailboxRequestsPer10Minutes, per mailbox', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 3 });
    for (let i = 0; i < 3; i++) expect((await list(people.s1.upn)).status).not.toBe(429);

    const refused = await list(people.s1.upn);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('ApplicationThrottled');
    expect(refused.body.error.message).toBe('Application is over its RequestRate limit.');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);

    expect((await list(people.s2.upn)).status).not.toBe(429);
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ requests: 4, throttled: 1 });
  });

  it('answers 429 past the application-wide limit, whatever the mailbox', async () => {
    await inspect(emulator, 'PUT', '/limits', { appRequestsPer10Seconds: 3 });
    await list(people.s1.upn);
    await list(people.s2.upn);
    await list(people.outsider.upn);
    const refused = await list(people.s2.upn);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('TooManyRequests');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });

  it('reads limits live: raising the limit lets requests through again', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 1 });
    await list(people.s1.upn);
    expect((await list(people.s1.upn)).status).toBe(429);
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 10_000 });
    expect((await list(people.s1.upn)).status).not.toBe(429);
  });

  it('does not run a throttled request', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 1 });
    await list(people.s1.upn);
    const subject = `throttled ${Date.now()}`;
    const create = await graph(emulator, token, 'POST', `/users/${people.s1.upn}/events`, {
      subject,
      start: { dateTime: '2026-12-02T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-02T10:00:00', timeZone: 'UTC' },
    });
    expect(create.status).toBe(429);
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 10_000 });
    const events = await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events?$top=100`);
    expect(events.status).toBe(200);
    expect(events.body.value.map((event: { subject: string }) => event.subject)).not.toContain(subject);
  });
});

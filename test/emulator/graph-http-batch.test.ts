// JSON batching as Graph does it: at most 20 requests, per-item answers, dependsOn with 424, 4 items at a time,
// and every item throttled, faulted and counted on its own.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { batch, countersOf, graph, inspect } from './graph-http-client.ts';

describe('Graph $batch', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => inspect(emulator, 'POST', '/reset'));

  const list = (id: string, upn: string = people.s1.upn, extra: Record<string, unknown> = {}) => ({
    id,
    method: 'GET',
    url: `/users/${upn}/events`,
    ...extra,
  });
  const create = (id: string, subject: string, extra: Record<string, unknown> = {}) => ({
    id,
    method: 'POST',
    url: `users/${people.s1.upn}/events`,
    headers: { 'Content-Type': 'application/json' },
    body: {
      subject,
      start: { dateTime: '2026-12-04T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-04T10:00:00', timeZone: 'UTC' },
    },
    ...extra,
  });

  it('refuses more than 20 requests with 400, running none', async () => {
    const requests = Array.from({ length: 21 }, (_, i) => list(String(i + 1)));
    const answer = await graph(emulator, token, 'POST', '/$batch', { requests });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
    expect(answer.body.error.message).toMatch(/20/);
    expect((await countersOf(emulator, people.s1.id)).requests).toBe(0);
  });

  it.each([
    ['duplicate ids', [list('1'), list('1')]],
    ['a request without url', [{ id: '1', method: 'GET' }]],
    ['a write without Content-Type', [{ id: '1', method: 'POST', url: '/me/events', body: {} }]],
  ])('refuses %s with 400', async (_name, requests) => {
    const answer = await graph(emulator, token, 'POST', '/$batch', { requests });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
  });

  it('answers every item with its own status, headers and body', async () => {
    const { status, items } = await batch(emulator, token, [
      list('ok'),
      list('unknown', 'nobody@uni.example'),
      create('created', 'batch create'),
    ]);
    expect(status).toBe(200);
    expect(items.get('ok')?.status).toBe(200);
    expect(items.get('ok')?.headers['Content-Type']).toMatch(/^application\/json/);
    expect(items.get('ok')?.body.value).toBeInstanceOf(Array);
    expect(items.get('unknown')?.status).toBe(404);
    expect(items.get('unknown')?.body.error.code).toBe('ErrorInvalidUser');
    expect(items.get('created')?.status).toBe(201);
    expect(items.get('created')?.body.subject).toBe('batch create');
  });

  it('fails the dependants of a failed request with 424, transitively', async () => {
    const { status, items } = await batch(emulator, token, [
      list('1', 'nobody@uni.example'),
      list('2', people.s1.upn, { dependsOn: ['1'] }),
      list('3', people.s1.upn, { dependsOn: ['2'] }),
      list('4', people.s2.upn),
    ]);
    expect(status).toBe(200);
    expect(items.get('1')?.status).toBeGreaterThanOrEqual(400);
    expect(items.get('2')?.status).toBe(424);
    expect(items.get('3')?.status).toBe(424);
    expect(items.get('4')?.status).not.toBe(424);
    // Dependants that failed on a dependency never reached the mailbox.
    expect((await countersOf(emulator, people.s1.id)).requests).toBe(0);
  });

  it('runs a dependant after its dependency', async () => {
    const { items, order } = await batch(emulator, token, [
      list('read', people.s1.upn, { dependsOn: ['write'], url: `/users/${people.s1.upn}/events?$top=100` }),
      create('write', 'written first'),
    ]);
    expect(order).toEqual(['write', 'read']);
    expect(items.get('write')?.status).toBe(201);
    expect(items.get('read')?.body.value.map((event: { subject: string }) => event.subject)).toContain('written first');
  });

  it('runs at most 4 items at a time: 8 slow items to one mailbox stay under its concurrency limit', async () => {
    await inspect(emulator, 'PUT', '/limits', { latencyMs: { min: 100, max: 100 } });
    const { status, items } = await batch(
      emulator,
      token,
      Array.from({ length: 8 }, (_, i) => list(String(i + 1))),
    );
    expect(status).toBe(200);
    expect([...items.values()].filter((item) => item.status === 429)).toHaveLength(0);
    expect((await countersOf(emulator, people.s1.id)).requests).toBe(8);
  });

  it('throttles every item on its own: a 200 batch holds 429 items, each with its Retry-After', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxRequestsPer10Minutes: 2 });
    const { status, items } = await batch(emulator, token, [
      ...Array.from({ length: 5 }, (_, i) => list(`s1-${i + 1}`)),
      list('s2', people.s2.upn),
    ]);
    expect(status).toBe(200);
    const throttled = [...items.values()].filter((item) => item.status === 429);
    expect(throttled).toHaveLength(3);
    for (const item of throttled) {
      expect(item.id).toMatch(/^s1-/);
      expect(item.body.error.code).toBe('ApplicationThrottled');
      expect(Number(item.headers['Retry-After'])).toBeGreaterThan(0);
    }
    expect(items.get('s2')?.status).not.toBe(429);
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ requests: 5, throttled: 3 });
  });

  it('counts items against the mailbox concurrency: 4 parallel items over a limit of 2 give two 429s', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxConcurrency: 2, latencyMs: { min: 200, max: 200 } });
    const { items } = await batch(
      emulator,
      token,
      Array.from({ length: 4 }, (_, i) => list(String(i + 1))),
    );
    const throttled = [...items.values()].filter((item) => item.status === 429);
    expect(throttled).toHaveLength(2);
    expect(throttled[0]?.body.error.message).toBe('Application is over its MailboxConcurrency limit.');
  });

  it('injects status faults into items and connection faults into the batch request', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['503'] });
    const { status, items } = await batch(emulator, token, [list('1'), list('2')]);
    expect(status).toBe(200);
    for (const item of items.values()) {
      expect(item.status).toBe(503);
      expect(Number(item.headers['Retry-After'])).toBeGreaterThan(0);
    }
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ requests: 2, faults: 2 });

    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['reset'] });
    await expect(batch(emulator, token, [list('1')])).rejects.toThrow();
    expect((await countersOf(emulator, people.s1.id)).requests).toBe(2);
  });

  it('runs every item of a batch whose answer is lost ("reset-after-write"): the ambiguous case', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['reset-after-write'] });
    await expect(
      batch(emulator, token, [create('1', 'lost answer 1'), create('2', 'lost answer 2')]),
    ).rejects.toThrow();
    await inspect(emulator, 'PUT', '/faults', { rate: 0 });
    const listing = await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events?$top=100&$select=subject`);
    const subjects = listing.body.value.map((event: { subject: string }) => event.subject);
    expect(subjects).toEqual(expect.arrayContaining(['lost answer 1', 'lost answer 2']));
  });
});

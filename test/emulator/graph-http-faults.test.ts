// Fault injection: each kind at rate 1, what runs and what does not, and the same faults for the same seed.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { countersOf, graph, inspect } from './graph-http-client.ts';

describe('Graph fault injection', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => inspect(emulator, 'POST', '/reset'));

  const events = `/users/${people.s1.upn}/events`;
  const newEvent = (subject: string) => ({
    subject,
    start: { dateTime: '2026-12-03T09:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-12-03T10:00:00', timeZone: 'UTC' },
  });
  const subjectsInCalendar = async () => {
    const listing = await graph(emulator, token, 'GET', `${events}?$top=100&$select=subject`);
    expect(listing.status).toBe(200);
    return listing.body.value.map((event: { subject: string }) => event.subject);
  };

  it.each([
    ['429', 'TooManyRequests', true],
    ['503', 'ServiceUnavailable', true],
    ['504', 'UnknownError', false],
  ])('answers %s (%s) and counts it as a fault', async (kind, code, retryAfter) => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: [kind] });
    const answer = await graph(emulator, token, 'GET', events);
    expect(answer.status).toBe(Number(kind));
    expect(answer.body.error.code).toBe(code);
    if (retryAfter) expect(Number(answer.headers.get('retry-after'))).toBeOneOf([1, 2, 3]);
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ requests: 1, faults: 1 });
  });

  it('drops the connection without running the request ("reset")', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['reset'] });
    await expect(graph(emulator, token, 'POST', events, newEvent('lost in a reset'))).rejects.toThrow();
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ faults: 1 });
    await inspect(emulator, 'PUT', '/faults', { rate: 0 });
    expect(await subjectsInCalendar()).not.toContain('lost in a reset');
  });

  it('runs the write, then drops the connection ("reset-after-write")', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['reset-after-write'] });
    await expect(graph(emulator, token, 'POST', events, newEvent('written, answer lost'))).rejects.toThrow();
    await inspect(emulator, 'PUT', '/faults', { rate: 0 });
    expect(await subjectsInCalendar()).toContain('written, answer lost');
  });

  it('holds the request unanswered, then drops it ("timeout")', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['timeout'], timeoutMs: 200 });
    await expect(graph(emulator, token, 'POST', events, newEvent('timed out'))).rejects.toThrow();
    expect(await countersOf(emulator, people.s1.id)).toMatchObject({ faults: 1 });
    await inspect(emulator, 'PUT', '/faults', { rate: 0 });
    expect(await subjectsInCalendar()).not.toContain('timed out');
  });

  it('gives up on a held request when the client does', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['timeout'], timeoutMs: 600_000 });
    const call = emulator.fetch(`${emulator.url}/v1.0${events}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(200),
    });
    await expect(call).rejects.toThrow();
  });

  it('leaves a share of requests alone at rates below 1', async () => {
    await inspect(emulator, 'PUT', '/faults', { rate: 0.5, kinds: ['503'], seed: 7 });
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await graph(emulator, token, 'GET', events)).status);
    expect(statuses).toContain(503);
    expect(statuses.some((status) => status !== 503)).toBe(true);
  });

  it('repeats the same faults for the same seed, and others for another seed', async () => {
    const sequence = async (seed: number) => {
      await inspect(emulator, 'PUT', '/faults', { rate: 0.4, kinds: ['429', '503', '504'], seed });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await graph(emulator, token, 'GET', events)).status);
      return statuses;
    };
    const first = await sequence(11);
    expect(await sequence(11)).toEqual(first);
    expect(await sequence(12)).not.toEqual(first);
  });
});

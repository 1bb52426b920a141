// The loopback inspection API over HTTPS: health, counters, limits and faults at run time, reset, and revoking a
// user's refresh tokens or consent.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { graph, inspect } from './graph-http-client.ts';

describe('inspection API', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => inspect(emulator, 'POST', '/reset'));

  const identity = () => emulator.emulator.context.identity;
  const giveRefreshToken = (value: string, userId: string) =>
    identity().refreshTokens.set(value, {
      tenantId,
      userId,
      clientId,
      scopes: ['Calendars.ReadWrite', 'offline_access'],
      expiresAt: Date.now() + 86_400_000,
      state: 'active',
    });

  it('answers health', async () => {
    expect(await inspect(emulator, 'GET', '/health')).toEqual({ status: 'ok' });
  });

  it('reports counters, the current limits and faults, and the heap', async () => {
    await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events`);
    const stats = await inspect(emulator, 'GET', '/stats');
    expect(stats.totals.requests).toBe(1);
    expect(stats.perApplicationMailbox).toEqual([
      expect.objectContaining({ clientId, mailbox: people.s1.id, requests: 1, throttled: 0, faults: 0 }),
    ]);
    expect(stats.limits).toEqual(emulator.seed.limits);
    expect(stats.faults).toEqual(emulator.seed.faults);
    expect(stats.process.heapUsedBytes).toBeGreaterThan(0);
  });

  it('changes limits, keeping the keys left out', async () => {
    const limits = await inspect(emulator, 'PUT', '/limits', { mailboxConcurrency: 2 });
    expect(limits).toEqual({ ...emulator.seed.limits, mailboxConcurrency: 2 });
    expect((await inspect(emulator, 'GET', '/stats')).limits.mailboxConcurrency).toBe(2);
  });

  it.each([
    ['/limits', { mailboxConcurrency: 0 }, 'mailboxConcurrency'],
    ['/limits', { latencyMs: { min: 10, max: 5 } }, 'latencyMs'],
    ['/limits', { burst: 3 }, 'burst'],
    ['/faults', { rate: 2 }, 'rate'],
    ['/faults', { kinds: ['teapot'] }, 'kinds[0]'],
  ])('refuses PUT %s %j with 400 naming the key', async (path, body, key) => {
    const refused = await inspect(emulator, 'PUT', path, body).catch((error: { json: unknown }) => error.json);
    expect(refused.error.code).toBe('BadRequest');
    expect(refused.error.message).toContain(key);
  });

  it('resets counters, limits, faults and grants to the seed', async () => {
    await inspect(emulator, 'PUT', '/limits', { mailboxConcurrency: 1 });
    await inspect(emulator, 'PUT', '/faults', { rate: 1, kinds: ['503'] });
    await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events`);
    identity().grantConsent(people.s1.id, clientId, ['Calendars.ReadWrite']);
    giveRefreshToken('rt-reset', people.s1.id);

    await inspect(emulator, 'POST', '/reset');
    const stats = await inspect(emulator, 'GET', '/stats');
    expect(stats.totals.requests).toBe(0);
    expect(stats.limits).toEqual(emulator.seed.limits);
    expect(stats.faults).toEqual(emulator.seed.faults);
    expect(identity().refreshTokens.size).toBe(0);
    expect(identity().consentedScopes(people.s1.id, clientId).size).toBe(0);
  });

  it('puts the mailboxes back as the seed had them', async () => {
    const created = await graph(emulator, token, 'POST', `/users/${people.s1.upn}/events`, {
      subject: 'gone after reset',
      start: { dateTime: '2026-12-05T09:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-12-05T10:00:00', timeZone: 'UTC' },
    });
    expect(created.status).toBe(201);
    await inspect(emulator, 'POST', '/reset');
    const listing = await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events?$top=100`);
    expect(listing.body.value.map((event: { subject: string }) => event.subject)).toEqual(['Dentist']);
  });

  it('revokes or expires every refresh token of one user, by user principal name or id', async () => {
    giveRefreshToken('rt-s1', people.s1.id);
    giveRefreshToken('rt-s2', people.s2.id);
    expect(await inspect(emulator, 'POST', `/users/${people.s1.upn}/revoke-refresh-tokens`)).toEqual({
      user: people.s1.id,
      refreshTokens: 1,
    });
    expect(identity().refreshTokens.get('rt-s1')?.state).toBe('revoked');
    expect(identity().refreshTokens.get('rt-s2')?.state).toBe('active');

    await inspect(emulator, 'POST', `/users/${people.s2.id}/expire-refresh-tokens`);
    expect(identity().refreshTokens.get('rt-s2')?.state).toBe('expired');
  });

  it('revokes consent, for one application or all', async () => {
    identity().grantConsent(people.s1.id, clientId, ['Calendars.ReadWrite']);
    identity().grantConsent(people.s1.id, '99999999-9999-4999-8999-999999999999', ['User.Read']);
    await inspect(emulator, 'POST', `/users/${people.s1.upn}/revoke-consent`, { clientId });
    expect(identity().consentedScopes(people.s1.id, clientId).size).toBe(0);
    expect(identity().consentedScopes(people.s1.id, '99999999-9999-4999-8999-999999999999').size).toBe(1);
    await inspect(emulator, 'POST', `/users/${people.s1.upn}/revoke-consent`);
    expect(identity().consentedScopes(people.s1.id, '99999999-9999-4999-8999-999999999999').size).toBe(0);
  });

  it('answers 404 for an unknown user', async () => {
    await expect(inspect(emulator, 'POST', '/users/nobody@uni.example/revoke-refresh-tokens')).rejects.toThrow(/404/);
  });
});

// Graph v1.0 over HTTPS: who may call (401 as Graph answers it), the headers every answer carries, bodies that are
// not JSON, and which mailbox a request counts against.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueAppToken } from '../../emulator/entra/access-token.ts';
import { generateSigningKey } from '../../emulator/entra/signing-key.ts';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { countersOf, graph, inspect } from './graph-http-client.ts';

describe('Graph HTTP layer', () => {
  let emulator: TestEmulator;
  let token: string;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    token = await emulator.appToken();
  });
  afterAll(() => emulator.close());
  beforeEach(() => inspect(emulator, 'POST', '/reset'));

  const tokenSignedBy = async (lifetimeSeconds: number, key = emulator.emulator.context.signingKey) => {
    const directory = emulator.emulator.context.directory;
    const tenant = directory.tenant(tenantId);
    const app = tenant && directory.application(tenant, clientId);
    if (!tenant || !app) throw new Error('test tenant missing');
    return (await issueAppToken(key, tenant, app, 'https://graph.microsoft.com', lifetimeSeconds)).token;
  };

  describe('401 InvalidAuthenticationToken', () => {
    const cases: [string, () => Promise<Record<string, string>>, RegExp][] = [
      ['no Authorization header', async () => ({}), /^Access token is empty\.$/],
      ['an empty bearer token', async () => ({ authorization: 'Bearer ' }), /^Access token is empty\.$/],
      ['another scheme', async () => ({ authorization: 'Basic czE6cHc=' }), /^Access token is empty\.$/],
      [
        'a token that is no JWT',
        async () => ({ authorization: 'Bearer not-a-jwt' }),
        /^IDX14100: JWT is not well formed/,
      ],
      [
        'a token signed by another key',
        async () => ({ authorization: `Bearer ${await tokenSignedBy(3600, generateSigningKey())}` }),
        /^IDX10511: Signature validation failed/,
      ],
      [
        'an expired token',
        async () => ({ authorization: `Bearer ${await tokenSignedBy(-60)}` }),
        /^Lifetime validation failed, the token is expired\.$/,
      ],
    ];
    it.each(cases)('answers %s', async (_name, headers, message) => {
      const answer = await graph(
        emulator,
        undefined,
        'GET',
        `/users/${people.s1.upn}/events`,
        undefined,
        await headers(),
      );
      expect(answer.status).toBe(401);
      expect(answer.body.error.code).toBe('InvalidAuthenticationToken');
      expect(answer.body.error.message).toMatch(message);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="", authorization_uri="https:\/\//);
    });

    it('does not count unauthenticated requests against any mailbox', async () => {
      await graph(emulator, undefined, 'GET', `/users/${people.s1.upn}/events`);
      expect((await countersOf(emulator, people.s1.id)).requests).toBe(0);
    });
  });

  it('answers with request-id and echoes client-request-id, in the headers and in error bodies', async () => {
    const answer = await graph(emulator, token, 'GET', '/users/nobody@uni.example/events', undefined, {
      'client-request-id': 'c0ffee00-1111-4222-8333-444455556666',
    });
    expect(answer.status).toBeGreaterThanOrEqual(400);
    const requestId = answer.headers.get('request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.headers.get('client-request-id')).toBe('c0ffee00-1111-4222-8333-444455556666');
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body.error.innerError).toMatchObject({
      'request-id': requestId,
      'client-request-id': 'c0ffee00-1111-4222-8333-444455556666',
    });
  });

  it('answers 400 BadRequest to a body that is not JSON, without running it', async () => {
    const answer = await graph(emulator, token, 'POST', `/users/${people.s1.upn}/events`, '{"subject": ');
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BadRequest');
    expect(answer.body.error.message).toMatch(/Unable to read JSON request payload/);
    expect((await countersOf(emulator, people.s1.id)).requests).toBe(0);
  });

  it('counts requests per application and target mailbox, by id or user principal name, and /me', async () => {
    await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events`);
    await graph(emulator, token, 'GET', `/users/${people.s1.id}/calendar/events`);
    await graph(emulator, token, 'GET', `/users/${encodeURIComponent(people.s1.upn)}/calendars`);
    const delegated = await emulator.delegatedToken(people.s2.upn);
    await graph(emulator, delegated, 'GET', '/me/events');
    await graph(emulator, token, 'GET', '/users/nobody@uni.example/events');

    expect((await countersOf(emulator, people.s1.id)).requests).toBe(3);
    expect((await countersOf(emulator, people.s2.id)).requests).toBe(1);
    expect((await countersOf(emulator, '-')).requests).toBe(1);
    const stats = await inspect(emulator, 'GET', '/stats');
    expect(stats.totals.requests).toBe(5);
    expect(stats.perApplicationMailbox.every((row: { clientId: string }) => row.clientId === clientId)).toBe(true);
  });

  it('hands the request to the calendar resources (the seeded event of s1 is listed)', async () => {
    const answer = await graph(emulator, token, 'GET', `/users/${people.s1.upn}/events?$select=subject`, undefined, {
      prefer: 'outlook.timezone="Europe/Amsterdam"',
    });
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((event: { subject: string }) => event.subject)).toContain('Dentist');
  });
});

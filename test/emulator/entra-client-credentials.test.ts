// App-only tokens from the emulator's token endpoint, asked for by unmodified msal-node over real HTTPS (and by
// hand-built requests for what msal never sends), with Entra's AADSTS errors for every refusal.
import { randomUUID } from 'node:crypto';
import { type AuthError, ConfidentialClientApplication } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificate } from '../support/certificates.ts';
import {
  buildAssertion,
  clientCredentialsForm,
  postTokenForm,
  type TokenAnswer,
} from '../support/client-assertions.ts';
import { clientId, clientSecret, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { certificateCredential, confidentialClient, msalConfiguration } from '../support/msal.ts';

const graphDefault = ['https://graph.microsoft.com/.default'];

describe('Entra token endpoint: client credentials', () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  describe('with msal-node', () => {
    it('gets an app-only Graph token with a certificate (PS256, x5t#S256) and serves the next one from its cache', async () => {
      const client = confidentialClient(emulator, certificateCredential(emulator));
      const first = await client.acquireTokenByClientCredential({ scopes: graphDefault });
      const claims = decodeJwt(first?.accessToken ?? '');
      expect(claims).toMatchObject({
        aud: 'https://graph.microsoft.com',
        tid: tenantId,
        appid: clientId,
        idtyp: 'app',
        roles: ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'],
      });
      expect(first?.fromCache).toBe(false);
      expect(first?.tokenType).toBe('Bearer');
      expect((first?.expiresOn?.getTime() ?? 0) - Date.now()).toBeGreaterThan(50 * 60_000);

      const second = await client.acquireTokenByClientCredential({ scopes: graphDefault });
      expect(second?.fromCache).toBe(true);
      expect(second?.accessToken).toBe(first?.accessToken);

      const principal = await emulator.emulator.context.tokens.verify(first?.accessToken ?? '');
      expect(principal).toMatchObject({ kind: 'application', clientId, tenantId });
    });

    it('accepts the assertion msal caches and sends again within its 10 minutes, as Entra does', async () => {
      const client = confidentialClient(emulator, certificateCredential(emulator));
      await client.acquireTokenByClientCredential({ scopes: graphDefault });
      const again = await client.acquireTokenByClientCredential({ scopes: graphDefault, skipCache: true });
      expect(again?.fromCache).toBe(false);
    });

    it('gets a token with the older RS256 + SHA-1 x5t assertion (msal `thumbprint`)', async () => {
      const client = confidentialClient(emulator, {
        clientCertificate: { thumbprint: emulator.certificate.sha1Hex, privateKey: emulator.certificate.keyPem },
      });
      const result = await client.acquireTokenByClientCredential({ scopes: graphDefault });
      expect(decodeJwt(result?.accessToken ?? '').roles).toEqual(['Calendars.ReadWrite', 'MailboxSettings.ReadWrite']);
    });

    it('gets a token with a client secret', async () => {
      const client = confidentialClient(emulator, { clientSecret });
      const result = await client.acquireTokenByClientCredential({ scopes: graphDefault });
      expect(decodeJwt(result?.accessToken ?? '')).toMatchObject({ appid: clientId, idtyp: 'app' });
    });

    it('issues tokens for national Graph clouds and for the emulator itself, with that audience', async () => {
      const client = confidentialClient(emulator, { clientSecret });
      for (const resource of ['https://graph.microsoft.us', 'https://dod-graph.microsoft.us', emulator.url]) {
        const result = await client.acquireTokenByClientCredential({ scopes: [`${resource}/.default`] });
        expect(decodeJwt(result?.accessToken ?? '').aud).toBe(resource);
      }
    });

    it('finds the tenant by its domain name as well as its id', async () => {
      const client = confidentialClient(emulator, { clientSecret }, { tenant: 'uni.example' });
      const result = await client.acquireTokenByClientCredential({ scopes: graphDefault });
      expect(decodeJwt(result?.accessToken ?? '').tid).toBe(tenantId);
    });

    it('refuses a certificate that is not registered on the application (AADSTS700027, naming the thumbprint)', async () => {
      const stranger = await createTestCertificate({ subject: 'CN=not registered' });
      const client = confidentialClient(emulator, {
        clientCertificate: { thumbprintSha256: stranger.sha256Hex, privateKey: stranger.keyPem },
      });
      const error = await failure(client.acquireTokenByClientCredential({ scopes: graphDefault }));
      expect(error.errorCode).toBe('invalid_client');
      expect(error.errorMessage).toContain('AADSTS700027');
      expect(error.errorMessage).toContain(stranger.sha256Hex);
    });

    it('refuses a wrong client secret (AADSTS7000215)', async () => {
      const client = confidentialClient(emulator, { clientSecret: 'not-the-secret' });
      const error = await failure(client.acquireTokenByClientCredential({ scopes: graphDefault }));
      expect(error.errorCode).toBe('invalid_client');
      expect(error.errorMessage).toContain('AADSTS7000215');
    });

    it('refuses an unknown client id (AADSTS700016)', async () => {
      const client = confidentialClient(emulator, { clientSecret }, { clientId: randomUUID() });
      const error = await failure(client.acquireTokenByClientCredential({ scopes: graphDefault }));
      expect(error.errorCode).toBe('unauthorized_client');
      expect(error.errorMessage).toContain('AADSTS700016');
    });

    it('refuses a resource that does not exist in the tenant (AADSTS500011)', async () => {
      const client = confidentialClient(emulator, { clientSecret });
      const error = await failure(
        client.acquireTokenByClientCredential({ scopes: ['https://unknown.example/.default'] }),
      );
      expect(error.errorCode).toBe('invalid_resource');
      expect(error.errorMessage).toContain('AADSTS500011');
    });

    it('cannot even find the endpoints of an unknown tenant, whose discovery answers AADSTS90002', async () => {
      const unknown = randomUUID();
      const client = new ConfidentialClientApplication(
        msalConfiguration(emulator, { clientSecret }, { tenant: unknown }),
      );
      const error = await failure(client.acquireTokenByClientCredential({ scopes: graphDefault }));
      expect(error.errorCode).toBe('endpoints_resolution_error');
      const discovery = await emulator.fetch(`${emulator.url}/${unknown}/v2.0/.well-known/openid-configuration`);
      expect(discovery.status).toBe(400);
      expect(await discovery.json()).toMatchObject({ error: 'invalid_tenant', error_codes: [90002] });
    });
  });

  describe('answers in Entra\u2019s error format', () => {
    it('an unknown tenant at the token endpoint: 400 invalid_request AADSTS90002 with trace and correlation ids', async () => {
      const correlationId = randomUUID();
      const response = await emulator.fetch(`${emulator.url}/${randomUUID()}/oauth2/v2.0/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'client-request-id': correlationId },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId }).toString(),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        error: 'invalid_request',
        error_codes: [90002],
        correlation_id: correlationId,
        error_uri: 'https://login.microsoftonline.com/error?code=90002',
      });
      expect(body.timestamp).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$/);
      expect(body.error_description).toMatch(
        /^AADSTS90002: Tenant '.+' not found\..*\r\nTrace ID: [0-9a-f-]{36}\r\nCorrelation ID: [0-9a-f-]{36}\r\nTimestamp: .+Z$/s,
      );
      expect(String(body.error_description)).toContain(String(body.trace_id));
    });

    it('a missing grant_type (AADSTS900144) and an unsupported one (AADSTS70003)', async () => {
      expect(await postTokenForm(emulator, { client_id: clientId })).toMatchObject(
        answer(400, 'invalid_request', 900144),
      );
      expect(await postTokenForm(emulator, { grant_type: 'password', client_id: clientId })).toMatchObject(
        answer(400, 'unsupported_grant_type', 70003),
      );
    });

    it('a scope without /.default (AADSTS1002012)', async () => {
      const form = { grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret };
      expect(await postTokenForm(emulator, { ...form, scope: 'Calendars.ReadWrite' })).toMatchObject(
        answer(400, 'invalid_scope', 1002012),
      );
    });

    it('no client credential at all (401 AADSTS7000218)', async () => {
      const form = { grant_type: 'client_credentials', client_id: clientId, scope: graphDefault[0] ?? '' };
      expect(await postTokenForm(emulator, form)).toMatchObject(answer(401, 'invalid_client', 7000218));
    });
  });

  describe('checks hand-built client assertions', () => {
    const now = () => Math.floor(Date.now() / 1000);
    const send = async (assertion: string) => postTokenForm(emulator, clientCredentialsForm(assertion));

    it('accepts one that expired less than the 5 minutes of allowed clock skew ago', async () => {
      const assertion = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        nbf: now() - 900,
        exp: now() - 120,
      });
      expect((await send(assertion)).status).toBe(200);
    });

    it('refuses an expired one (AADSTS700024)', async () => {
      const assertion = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        nbf: now() - 1200,
        exp: now() - 600,
      });
      const result = await send(assertion);
      expect(result).toMatchObject(answer(401, 'invalid_client', 700024));
      expect(result.body.error_description).toMatch(
        /Client assertion is not within its valid time range\. Current time/,
      );
    });

    it('refuses one that is not valid yet (AADSTS700024)', async () => {
      const assertion = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        nbf: now() + 600,
        exp: now() + 1200,
      });
      expect(await send(assertion)).toMatchObject(answer(401, 'invalid_client', 700024));
    });

    it('refuses one that claims to be valid for more than a day (AADSTS700024)', async () => {
      const assertion = await buildAssertion(emulator, { certificate: emulator.certificate, exp: now() + 2 * 86400 });
      expect(await send(assertion)).toMatchObject(answer(401, 'invalid_client', 700024));
    });

    it('refuses a new assertion that recycles a jti already used, but takes the same assertion again', async () => {
      const jti = randomUUID();
      const first = await buildAssertion(emulator, { certificate: emulator.certificate, jti });
      expect((await send(first)).status).toBe(200);
      expect((await send(first)).status).toBe(200);
      const recycled = await buildAssertion(emulator, { certificate: emulator.certificate, jti });
      const result = await send(recycled);
      expect(result).toMatchObject(answer(401, 'invalid_client', 50027));
      expect(result.body.error_description).toContain(jti);
    });

    it('accepts RS256 with a SHA-1 x5t, and the v2.0 issuer as audience', async () => {
      const assertion = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        alg: 'RS256',
        aud: `${emulator.url}/${tenantId}/v2.0`,
      });
      expect((await send(assertion)).status).toBe(200);
    });

    it('refuses another audience (AADSTS700023) and another issuer (AADSTS700021)', async () => {
      const otherAudience = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        aud: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
      });
      expect(await send(otherAudience)).toMatchObject(answer(401, 'invalid_client', 700023));
      const otherIssuer = await buildAssertion(emulator, { certificate: emulator.certificate, iss: randomUUID() });
      expect(await send(otherIssuer)).toMatchObject(answer(401, 'invalid_client', 700021));
    });

    it('refuses a signature made with another key than the registered certificate\u2019s (AADSTS700027)', async () => {
      const other = await createTestCertificate();
      const assertion = await buildAssertion(emulator, {
        certificate: emulator.certificate,
        signingKeyPem: other.keyPem,
      });
      const result = await send(assertion);
      expect(result).toMatchObject(answer(401, 'invalid_client', 700027));
      expect(result.body.error_description).toContain('The provided signature value did not match');
    });

    it('refuses something that is not a JWT (AADSTS50027)', async () => {
      expect(await send('not-a-jwt')).toMatchObject(answer(401, 'invalid_client', 50027));
    });
  });
});

function answer(status: number, error: string, code: number): Partial<TokenAnswer> {
  return { status, body: expect.objectContaining({ error, error_codes: [code] }) };
}

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    return error as AuthError;
  }
  throw new Error('expected the token request to fail');
}

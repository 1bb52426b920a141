// Discovery documents and signing keys: what they publish, that the published keys verify the tokens the emulator
// issues, and that msal-node configured from them (no discovery round trips at all) gets tokens.
import { createHash } from 'node:crypto';
import {
  ConfidentialClientApplication,
  type INetworkModule,
  type NetworkRequestOptions,
  type NetworkResponse,
} from '@azure/msal-node';
import { createRemoteJWKSet, customFetch, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpsNetworkClient } from '../../src/auth/https-network-client.ts';
import { postTokenForm } from '../support/client-assertions.ts';
import {
  clientId,
  clientSecret,
  people,
  redirectUri,
  startTestEmulator,
  type TestEmulator,
  tenantId,
} from '../support/emulator.ts';
import { FormBrowser } from '../support/form-browser.ts';

interface OpenIdConfiguration {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly jwks_uri: string;
  readonly end_session_endpoint: string;
}

describe('Entra discovery and signing keys', () => {
  let emulator: TestEmulator;
  let configuration: OpenIdConfiguration;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    configuration = (await (
      await emulator.fetch(`${emulator.url}/${tenantId}/v2.0/.well-known/openid-configuration`)
    ).json()) as OpenIdConfiguration;
  });
  afterAll(() => emulator.close());

  it('publishes the tenant\u2019s v2.0 endpoints, under its id and under its domain name alike', async () => {
    const root = `${emulator.url}/${tenantId}`;
    expect(configuration).toMatchObject({
      issuer: `${root}/v2.0`,
      authorization_endpoint: `${root}/oauth2/v2.0/authorize`,
      token_endpoint: `${root}/oauth2/v2.0/token`,
      jwks_uri: `${root}/discovery/v2.0/keys`,
      end_session_endpoint: `${root}/oauth2/v2.0/logout`,
      id_token_signing_alg_values_supported: ['RS256'],
    });
    const byDomain = await emulator.fetch(`${emulator.url}/uni.example/v2.0/.well-known/openid-configuration`);
    expect(await byDomain.json()).toEqual(configuration);
  });

  it('answers instance discovery for its own authority and refuses any other instance', async () => {
    const host = new URL(emulator.url).host;
    const discover = (authorize: string) =>
      emulator.fetch(
        `${emulator.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(authorize)}`,
      );
    const own = await discover(configuration.authorization_endpoint);
    expect(own.status).toBe(200);
    const body = (await own.json()) as { tenant_discovery_endpoint: string; metadata: { aliases: string[] }[] };
    expect(body.tenant_discovery_endpoint).toBe(`${emulator.url}/${tenantId}/v2.0/.well-known/openid-configuration`);
    expect(body.metadata[0]?.aliases).toContain(host);
    const other = await discover('https://login.example.org/common/oauth2/v2.0/authorize');
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ error: 'invalid_instance' });
  });

  it('publishes keys that verify its app-only access tokens and its ID tokens', async () => {
    const keys = createRemoteJWKSet(new URL(configuration.jwks_uri), {
      [customFetch]: (url, init) => emulator.fetch(url, init as never) as unknown as Promise<Response>,
    });

    const app = await postTokenForm(emulator, {
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
      scope: 'https://graph.microsoft.com/.default',
    });
    const accessToken = String(app.body.access_token);
    const verified = await jwtVerify(accessToken, keys, { audience: 'https://graph.microsoft.com' });
    expect(verified.payload.roles).toEqual(['Calendars.ReadWrite', 'MailboxSettings.ReadWrite']);

    const verifier = 'v'.repeat(43);
    const pkce = { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
    const authorize = new URL(configuration.authorization_endpoint);
    for (const [name, value] of Object.entries({
      client_id: clientId,
      response_type: 'code',
      redirect_uri: redirectUri,
      scope: 'openid profile offline_access Calendars.ReadWrite',
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      nonce: 'n-0S6_WzA2Mj',
      state: 'xyz',
    })) {
      authorize.searchParams.set(name, value);
    }
    const back = await new FormBrowser(emulator).signIn(authorize.toString(), {
      login: people.s1.upn,
      password: people.s1.password,
    });
    const user = await postTokenForm(emulator, {
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: clientSecret,
      code: back.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: pkce.verifier,
    });
    const idToken = String(user.body.id_token);
    expect(decodeProtectedHeader(idToken).kid).toBeTruthy();
    const id = await jwtVerify(idToken, keys, { audience: clientId, issuer: configuration.issuer });
    expect(id.payload).toMatchObject({ oid: people.s1.id, nonce: 'n-0S6_WzA2Mj', preferred_username: people.s1.upn });
    await jwtVerify(String(user.body.access_token), keys, { audience: 'https://graph.microsoft.com' });
  });

  it('lets msal-node run from configured metadata alone, without one discovery request', async () => {
    const host = new URL(emulator.url).host;
    const instance = await emulator.fetch(
      `${emulator.url}/common/discovery/instance?api-version=1.1&authorization_endpoint=${encodeURIComponent(configuration.authorization_endpoint)}`,
    );
    const network = new CountingNetworkClient(new HttpsNetworkClient({ extraCaPem: emulator.emulator.caPem }));
    const client = new ConfidentialClientApplication({
      auth: {
        clientId,
        clientSecret,
        authority: `${emulator.url}/${tenantId}`,
        cloudDiscoveryMetadata: await instance.text(),
        authorityMetadata: JSON.stringify(configuration),
      },
      system: { networkClient: network },
    });
    const result = await client.acquireTokenByClientCredential({ scopes: ['https://graph.microsoft.com/.default'] });
    expect(result?.accessToken).toBeTruthy();
    expect(network.gets).toEqual([]);
    expect(network.posts).toEqual([`https://${host}/${tenantId}/oauth2/v2.0/token`]);
  });

  it('answers AADSTS90002 for the keys of an unknown tenant', async () => {
    const response = await emulator.fetch(`${emulator.url}/not-a-tenant.example/discovery/v2.0/keys`);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error_codes: [90002] });
  });
});

/** Records which URLs msal asks for (query strings dropped), passing every request on. */
class CountingNetworkClient implements INetworkModule {
  readonly gets: string[] = [];
  readonly posts: string[] = [];
  private readonly inner: INetworkModule;

  constructor(inner: INetworkModule) {
    this.inner = inner;
  }

  sendGetRequestAsync<T>(url: string, options?: NetworkRequestOptions, timeout?: number): Promise<NetworkResponse<T>> {
    this.gets.push(url.split('?')[0] ?? url);
    return this.inner.sendGetRequestAsync<T>(url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    this.posts.push(url.split('?')[0] ?? url);
    return this.inner.sendPostRequestAsync<T>(url, options);
  }
}

// The delegated flow end to end over real HTTPS: msal-node builds the authorize URL (PKCE S256), the sign-in and
// consent pages are driven with plain HTTP, msal redeems the code and refreshes silently; revoked, expired and
// unconsented grants surface as errors `isReconnectNeeded` recognises.
import { type AuthError, type ConfidentialClientApplication, CryptoProvider } from '@azure/msal-node';
import { decodeJwt } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isReconnectNeeded, reconnectNeeded } from '../../src/auth/reconnect-needed.ts';
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
import { FormBrowser, isAccountPicker, isConsentPage, isSignInPage } from '../support/form-browser.ts';
import { certificateCredential, confidentialClient } from '../support/msal.ts';

const scopes = ['Calendars.ReadWrite', 'User.Read'];
const crypto = new CryptoProvider();

interface AuthorizeRequest {
  readonly url: string;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
}

describe('Entra authorization code flow with PKCE', () => {
  let emulator: TestEmulator;
  let client: ConfidentialClientApplication;
  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = confidentialClient(emulator, certificateCredential(emulator));
  });
  afterAll(() => emulator.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  async function authorizeRequest(
    extra: { prompt?: string; loginHint?: string; scopes?: string[] } = {},
  ): Promise<AuthorizeRequest> {
    const pkce = await crypto.generatePkceCodes();
    const state = crypto.createNewGuid();
    const nonce = crypto.createNewGuid();
    const url = await client.getAuthCodeUrl({
      scopes: extra.scopes ?? scopes,
      redirectUri,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
      ...(extra.prompt ? { prompt: extra.prompt } : {}),
      ...(extra.loginHint ? { loginHint: extra.loginHint } : {}),
    });
    return { url, verifier: pkce.verifier, state, nonce };
  }

  function redeem(request: AuthorizeRequest, code: string, via = client) {
    return via.acquireTokenByCode(
      { code, scopes, redirectUri, codeVerifier: request.verifier, state: request.state, nonce: request.nonce },
      { code, state: request.state },
    );
  }

  /** A person connects their calendar: sign in, consent if asked, redeem the code. */
  async function connect(person: (typeof people)[keyof typeof people], via = client) {
    const request = await authorizeRequest({ loginHint: person.upn });
    const back = await new FormBrowser(emulator).signIn(request.url, { login: person.upn, password: person.password });
    const code = back.searchParams.get('code') ?? '';
    const result = await redeem(request, code, via);
    if (!result.account) throw new Error('msal returned no account');
    return { result, account: result.account };
  }

  it('signs in, consents, returns code and state, and msal redeems the code for tokens', async () => {
    const request = await authorizeRequest({ loginHint: people.s1.upn });
    const browser = new FormBrowser(emulator);

    const signIn = await browser.get(request.url);
    expect(isSignInPage(signIn)).toBe(true);
    expect(signIn.html).toContain(`value="${people.s1.upn}"`);
    const consent = await browser.submit(signIn, { login: people.s1.upn, passwd: people.s1.password });
    expect(isConsentPage(consent)).toBe(true);
    for (const scope of [...scopes, 'offline_access', 'openid', 'profile']) expect(consent.html).toContain(scope);
    const back = await browser.submit(consent, { decision: 'accept' });

    expect(back.status).toBe(302);
    expect(`${back.location?.origin}${back.location?.pathname}`).toBe(redirectUri);
    expect(back.location?.searchParams.get('state')).toBe(request.state);
    const code = back.location?.searchParams.get('code') ?? '';
    expect(code).not.toBe('');

    const result = await redeem(request, code);
    expect(result.idTokenClaims).toMatchObject({
      oid: people.s1.id,
      tid: tenantId,
      preferred_username: people.s1.upn,
      name: 's1',
      nonce: request.nonce,
      aud: clientId,
      iss: `${emulator.url}/${tenantId}/v2.0`,
      ver: '2.0',
    });
    expect(result.account?.homeAccountId).toBe(`${people.s1.id}.${tenantId}`);
    expect(result.account?.username).toBe(people.s1.upn);
    const access = decodeJwt(result.accessToken);
    expect(access).toMatchObject({
      aud: 'https://graph.microsoft.com',
      oid: people.s1.id,
      tid: tenantId,
      appid: clientId,
    });
    expect(String(access.scp).split(' ')).toEqual(expect.arrayContaining(scopes));
    expect(await emulator.emulator.context.tokens.verify(result.accessToken)).toMatchObject({
      kind: 'delegated',
      userId: people.s1.id,
    });
  });

  it('refreshes silently, handing out a new refresh token each time', async () => {
    const { result, account } = await connect(people.s1);
    const activeBefore = activeRefreshTokens(people.s1.id);
    const silent = await client.acquireTokenSilent({ account, scopes, forceRefresh: true });
    expect(silent.fromCache).toBe(false);
    expect(silent.accessToken).not.toBe(result.accessToken);
    expect(activeRefreshTokens(people.s1.id)).toBe(activeBefore + 1);
    const cached = await client.acquireTokenSilent({ account, scopes });
    expect(cached.fromCache).toBe(true);
  });

  it('keeps the old refresh token working after rotation, as Entra documents', async () => {
    const request = await authorizeRequest();
    const back = await new FormBrowser(emulator).signIn(request.url, {
      login: people.s2.upn,
      password: people.s2.password,
    });
    const first = await postTokenForm(emulator, {
      grant_type: 'authorization_code',
      client_id: clientId,
      client_secret: clientSecret,
      code: back.searchParams.get('code') ?? '',
      redirect_uri: redirectUri,
      code_verifier: request.verifier,
      scope: 'Calendars.ReadWrite offline_access openid',
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600 });
    expect(JSON.parse(Buffer.from(String(first.body.client_info), 'base64url').toString())).toEqual({
      uid: people.s2.id,
      utid: tenantId,
    });
    const refresh = (token: unknown) =>
      postTokenForm(emulator, {
        grant_type: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: String(token),
        scope: 'Calendars.ReadWrite offline_access openid',
      });
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await refresh(first.body.refresh_token)).status).toBe(200);
    expect(await refresh('1.not-a-refresh-token')).toMatchObject({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_grant', error_codes: [9002313] }),
    });
  });

  it('skips the password on a second sign-in in the same browser, and the consent once given', async () => {
    const browser = new FormBrowser(emulator);
    const first = await authorizeRequest();
    await browser.signIn(first.url, { login: people.s1.upn, password: people.s1.password });
    const second = await authorizeRequest();
    const page = await browser.get(second.url);
    expect(page.status).toBe(302);
    expect(page.location?.searchParams.get('code')).toBeTruthy();
    expect((await redeem(second, page.location?.searchParams.get('code') ?? '')).account?.username).toBe(people.s1.upn);
  });

  it('asks for the password again with prompt=login and for consent again with prompt=consent', async () => {
    const browser = new FormBrowser(emulator);
    await browser.signIn((await authorizeRequest()).url, { login: people.s1.upn, password: people.s1.password });
    expect(isSignInPage(await browser.get((await authorizeRequest({ prompt: 'login' })).url))).toBe(true);
    expect(isConsentPage(await browser.get((await authorizeRequest({ prompt: 'consent' })).url))).toBe(true);
  });

  it('shows the account picker with prompt=select_account and continues with the account picked', async () => {
    const browser = new FormBrowser(emulator);
    await browser.signIn((await authorizeRequest()).url, { login: people.s1.upn, password: people.s1.password });
    const picker = await browser.get((await authorizeRequest({ prompt: 'select_account' })).url);
    expect(isAccountPicker(picker)).toBe(true);
    expect(picker.html).toContain(people.s1.upn);
    const back = await browser.submit(picker, { account: people.s1.id });
    expect(back.location?.searchParams.get('code')).toBeTruthy();
    const other = await browser.submit(await browser.get((await authorizeRequest({ prompt: 'select_account' })).url), {
      account: 'other',
    });
    expect(isSignInPage(other)).toBe(true);
  });

  it('answers prompt=none without a signed-in session with error=login_required', async () => {
    const request = await authorizeRequest({ prompt: 'none' });
    const page = await new FormBrowser(emulator).get(request.url);
    expect(page.status).toBe(302);
    expect(page.location?.searchParams.get('error')).toBe('login_required');
    expect(page.location?.searchParams.get('error_description')).toMatch(/^AADSTS50058:/);
    expect(page.location?.searchParams.get('state')).toBe(request.state);
  });

  it('with a session: prompt=none needing new consent answers consent_required; another login_hint asks again', async () => {
    const browser = new FormBrowser(emulator);
    await browser.signIn((await authorizeRequest()).url, { login: people.s1.upn, password: people.s1.password });
    const silent = await authorizeRequest({ prompt: 'none', scopes: ['MailboxSettings.ReadWrite'] });
    const answer = await browser.get(silent.url);
    expect(answer.location?.searchParams.get('error')).toBe('consent_required');
    expect(answer.location?.searchParams.get('error_description')).toMatch(/^AADSTS65001:/);
    const someoneElse = await browser.get((await authorizeRequest({ loginHint: people.s2.upn })).url);
    expect(isSignInPage(someoneElse)).toBe(true);
    expect(someoneElse.html).toContain(`value="${people.s2.upn}"`);
  });

  it('shows the sign-in page again after a wrong password, then carries on', async () => {
    const browser = new FormBrowser(emulator);
    const signIn = await browser.get((await authorizeRequest()).url);
    const wrong = await browser.submit(signIn, { login: people.s2.upn, passwd: 'wrong' });
    expect(isSignInPage(wrong)).toBe(true);
    expect(wrong.html).toContain('Your account or password is incorrect');
    const next = await browser.submit(wrong, { login: people.s2.upn, passwd: people.s2.password });
    expect(next.location?.searchParams.get('code') ?? (isConsentPage(next) ? 'consent' : '')).toBeTruthy();
  });

  it('sends error=access_denied (AADSTS65004) and the state back when consent is cancelled', async () => {
    const request = await authorizeRequest({ scopes: ['MailboxSettings.ReadWrite'], prompt: 'consent' });
    const back = await new FormBrowser(emulator).signIn(request.url, {
      login: people.outsider.upn,
      password: people.outsider.password,
      consent: 'cancel',
    });
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('error_description')).toMatch(/^AADSTS65004:/);
    expect(back.searchParams.get('state')).toBe(request.state);
  });

  it('shows an error page, never a redirect, for an unregistered redirect URI (AADSTS50011) or unknown client', async () => {
    const request = await authorizeRequest();
    const evil = new URL(request.url);
    evil.searchParams.set('redirect_uri', 'https://evil.example/callback');
    const page = await new FormBrowser(emulator).get(evil);
    expect(page.status).toBe(400);
    expect(page.location).toBeUndefined();
    expect(page.html).toContain('AADSTS50011');

    const unknown = new URL(request.url);
    unknown.searchParams.set('client_id', crypto.createNewGuid());
    expect((await new FormBrowser(emulator).get(unknown)).html).toContain('AADSTS700016');
  });

  it('requires PKCE with S256 and refuses scopes the application was not given', async () => {
    const request = await authorizeRequest();
    const errorOf = async (change: (url: URL) => void) => {
      const url = new URL(request.url);
      change(url);
      const page = await new FormBrowser(emulator).get(url);
      return page.location?.searchParams.get('error_description')?.split(':')[0];
    };
    expect(await errorOf((url) => url.searchParams.delete('code_challenge'))).toBe('AADSTS900144');
    expect(await errorOf((url) => url.searchParams.set('code_challenge_method', 'plain'))).toBe('AADSTS90023');
    expect(await errorOf((url) => url.searchParams.set('scope', 'Mail.Send openid'))).toBe('AADSTS650053');
  });

  it('refuses a wrong PKCE verifier (AADSTS501481) and a code used twice (AADSTS54005)', async () => {
    const request = await authorizeRequest();
    const back = await new FormBrowser(emulator).signIn(request.url, {
      login: people.s1.upn,
      password: people.s1.password,
    });
    const code = back.searchParams.get('code') ?? '';
    const wrongVerifier = await failure(
      redeem({ ...request, verifier: (await crypto.generatePkceCodes()).verifier }, code),
    );
    expect(wrongVerifier.errorCode).toBe('invalid_grant');
    expect(wrongVerifier.errorMessage).toContain(
      'AADSTS501481: The Code_Verifier does not match the code_challenge supplied in the authorization request',
    );
    await redeem(request, code);
    const replayed = await failure(redeem(request, code));
    expect(replayed.errorCode).toBe('invalid_grant');
    expect(replayed.errorMessage).toContain('AADSTS54005');
  });

  it('refuses a code redeemed more than 10 minutes after it was issued (AADSTS70008)', async () => {
    const request = await authorizeRequest();
    const back = await new FormBrowser(emulator).signIn(request.url, {
      login: people.s1.upn,
      password: people.s1.password,
    });
    // A client of its own: msal caches its signed assertion, and one made in the future must not leak into
    // the other tests (Entra would refuse it as not yet valid, and so does the emulator).
    const later = confidentialClient(emulator, certificateCredential(emulator));
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11 * 60_000 });
    const error = await failure(redeem(request, back.searchParams.get('code') ?? '', later));
    expect(error.errorCode).toBe('invalid_grant');
    expect(error.errorMessage).toContain('AADSTS70008');
    expect(isReconnectNeeded(error)).toBe(true);
  });

  describe('when the grant is gone, a silent refresh fails with an error the caller recognises', () => {
    it('refresh tokens revoked (AADSTS50173)', async () => {
      const { account } = await connect(people.s1);
      emulator.emulator.context.identity.invalidateRefreshTokens(people.s1.id, 'revoked');
      const error = await failure(client.acquireTokenSilent({ account, scopes, forceRefresh: true }));
      expect(error.errorCode).toBe('invalid_grant');
      expect(reconnectNeeded(error)).toMatchObject({ reason: 'revoked', aadsts: 50173 });
    });

    it('refresh tokens expired (AADSTS700082)', async () => {
      const { account } = await connect(people.s2);
      emulator.emulator.context.identity.invalidateRefreshTokens(people.s2.id, 'expired');
      const error = await failure(client.acquireTokenSilent({ account, scopes, forceRefresh: true }));
      expect(reconnectNeeded(error)).toMatchObject({ reason: 'expired', aadsts: 700082 });
    });

    it('consent removed (AADSTS65001, suberror consent_required)', async () => {
      const { account } = await connect(people.noMailbox);
      emulator.emulator.context.identity.revokeConsent(people.noMailbox.id, clientId);
      const error = await failure(client.acquireTokenSilent({ account, scopes, forceRefresh: true }));
      expect(error.errorCode).toBe('invalid_grant');
      expect(error.subError).toBe('consent_required');
      expect(reconnectNeeded(error)).toMatchObject({ reason: 'consent-missing', aadsts: 65001 });
    });

    it('and reconnecting (signing in again) makes it work again', async () => {
      emulator.emulator.context.identity.invalidateRefreshTokens(people.s1.id, 'revoked');
      const { account } = await connect(people.s1);
      const silent = await client.acquireTokenSilent({ account, scopes, forceRefresh: true });
      expect(silent.account?.homeAccountId).toBe(account.homeAccountId);
    });
  });

  function activeRefreshTokens(userId: string): number {
    return [...emulator.emulator.context.identity.refreshTokens.values()].filter(
      (record) => record.userId === userId && record.state === 'active',
    ).length;
  }
});

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    return error as AuthError;
  }
  throw new Error('expected the request to fail');
}

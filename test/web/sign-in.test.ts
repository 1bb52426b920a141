// Sign-in with Microsoft, in process against the emulator: the callback refuses an answer whose state does not
// match this browser's sign-in, a sign-in it never started, a replayed code, a wrong PKCE verifier and a wrong
// nonce, each with a clear page and no session. In application mode sign-in only identifies the person.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPerson, loadTokenCache } from '../../src/store/index.ts';
import { SessionCookies } from '../../src/web/web-session.ts';
import { people } from '../support/emulator.ts';
import { FormBrowser } from '../support/form-browser.ts';
import { InjectBrowser } from './inject-browser.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

const s1 = people.s1;

describe('sign-in callback (delegated)', () => {
  let harness: WebHarness;
  let cookies: SessionCookies;

  beforeAll(async () => {
    harness = await startWebHarness({ mode: 'delegated' });
    const key = Buffer.from(readFileSync(join(harness.dir, 'data', 'web-session.key'), 'utf8').trim(), 'base64');
    cookies = new SessionCookies({ sessionKey: key, secure: false, now: () => new Date() });
  });
  afterAll(() => harness?.close());

  /** The sign-in this browser started, as its sealed cookie holds it. */
  function attemptOf(browser: InjectBrowser) {
    const request = { cookies: Object.fromEntries(browser.cookies) } as unknown as FastifyRequest;
    const attempt = cookies.readSignIn(request);
    if (!attempt) throw new Error('no sign-in in progress');
    return attempt;
  }

  function expectRefused(response: { statusCode: number; body: string; cookies: { name: string }[] }, text: RegExp) {
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(text);
    expect(response.body).toContain('href="/auth/sign-in"');
    expect(response.cookies.map((c) => c.name)).not.toContain('tts_session');
  }

  it('refuses an answer whose state is not the one this browser sent', async () => {
    const browser = new InjectBrowser(harness.app);
    const back = await browser.signInAtEmulator(harness.emulator, s1.upn, s1.password);
    back.searchParams.set('state', 'forged-state');
    expectRefused(await browser.get(`${back.pathname}${back.search}`), /state does not match/);
    expect(await loadTokenCache(harness.engine.store.db, 's1')).toBeUndefined();
  });

  it('refuses a callback in a browser that never started a sign-in', async () => {
    const starter = new InjectBrowser(harness.app);
    const back = await starter.signInAtEmulator(harness.emulator, s1.upn, s1.password);
    const stranger = new InjectBrowser(harness.app);
    expectRefused(
      await stranger.get(`${back.pathname}${back.search}`),
      /already used, took longer than ten minutes, or was started in another browser/,
    );
  });

  it('refuses a replayed code, even with the sign-in cookie kept', async () => {
    const browser = new InjectBrowser(harness.app);
    const back = await browser.signInAtEmulator(harness.emulator, s1.upn, s1.password);
    const kept = new Map(browser.cookies);
    const first = await browser.get(`${back.pathname}${back.search}`);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/me?done=connected');

    const attacker = new InjectBrowser(harness.app);
    for (const [name, value] of kept) attacker.cookies.set(name, value);
    expectRefused(await attacker.get(`${back.pathname}${back.search}`), /AADSTS54005/);
  });

  it('refuses a code redeemed with another PKCE verifier', async () => {
    const browser = new InjectBrowser(harness.app);
    const back = await browser.signInAtEmulator(harness.emulator, s1.upn, s1.password);
    const attempt = attemptOf(browser);
    browser.cookies.set(cookies.signInName, cookies.seal(cookies.signInName, { ...attempt, verifier: 'v'.repeat(43) }));
    expectRefused(await browser.get(`${back.pathname}${back.search}`), /AADSTS501481/);
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    const browser = new InjectBrowser(harness.app);
    const back = await browser.signInAtEmulator(harness.emulator, s1.upn, s1.password);
    const attempt = attemptOf(browser);
    browser.cookies.set(cookies.signInName, cookies.seal(cookies.signInName, { ...attempt, nonce: 'another-nonce' }));
    expectRefused(await browser.get(`${back.pathname}${back.search}`), /nonce/i);
  });

  it('says so when the person declines consent, and connects nothing', async () => {
    const browser = new InjectBrowser(harness.app);
    const start = await browser.get('/auth/sign-in');
    const back = await new FormBrowser(harness.emulator).signIn(String(start.headers.location), {
      login: people.s2.upn,
      password: people.s2.password,
      consent: 'cancel',
    });
    const response = await browser.get(`${back.pathname}${back.search}`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('Sign-in cancelled');
    expect(await getPerson(harness.engine.store.db, 's2')).toBeUndefined();
  });

  it('asks for the calendar, offline access and the ID token, with PKCE S256, state and nonce', async () => {
    const browser = new InjectBrowser(harness.app);
    const start = await browser.get('/auth/sign-in');
    const url = new URL(String(start.headers.location));
    expect(url.origin).toBe(harness.emulator.url);
    expect(url.searchParams.get('scope')?.split(' ')).toEqual(
      expect.arrayContaining([`${harness.emulator.url}/Calendars.ReadWrite`, 'openid', 'profile', 'offline_access']),
    );
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('redirect_uri')).toBe(`${harness.publicUrl}/auth/callback`);
    const attempt = attemptOf(browser);
    expect(url.searchParams.get('state')).toBe(attempt.state);
    expect(url.searchParams.get('nonce')).toBe(attempt.nonce);
    expect(url.toString()).not.toContain(attempt.verifier);
  });
});

describe('sign-in (application permissions)', () => {
  let harness: WebHarness;

  beforeAll(async () => {
    harness = await startWebHarness({ mode: 'application', admins: [people.outsider.upn] });
  });
  afterAll(() => harness?.close());

  it('only identifies the person: no calendar scopes, no stored tokens, no sync started', async () => {
    const browser = new InjectBrowser(harness.app);
    const start = await browser.get('/auth/sign-in');
    const scopes = new URL(String(start.headers.location)).searchParams.get('scope')?.split(' ') ?? [];
    expect(scopes.some((scope) => /calendars/i.test(scope))).toBe(false);
    const back = await new FormBrowser(harness.emulator).signIn(String(start.headers.location), {
      login: s1.upn,
      password: s1.password,
    });
    const callback = await browser.get(`${back.pathname}${back.search}`);
    expect(callback.headers.location).toBe('/me?done=signed-in');
    const page = await browser.get('/me');
    expect(page.body).toMatch(
      /Your institution adds your timetable to your Outlook calendar; the first sync has not run yet/,
    );
    expect(page.body).not.toContain('Disconnect');
    expect(await loadTokenCache(harness.engine.store.db, 's1')).toBeUndefined();
    expect((await getPerson(harness.engine.store.db, 's1'))?.authMode).toBe('application');
    expect(harness.jobs).toEqual([]);
  });

  it('sends an admin without a timetable to the dashboard, and someone unknown to a page that says so', async () => {
    const admin = new InjectBrowser(harness.app);
    expect((await admin.signIn(harness.emulator, people.outsider.upn, people.outsider.password)).headers.location).toBe(
      '/admin',
    );
    expect((await admin.get('/admin')).statusCode).toBe(200);
    const me = await admin.get('/me');
    expect(me.body).toContain('No timetable');
    expect(me.body).toContain('href="/admin"');

    const stranger = new InjectBrowser(harness.app);
    const landed = await stranger.signIn(harness.emulator, people.noMailbox.upn, people.noMailbox.password);
    expect(landed.headers.location).toBe('/me');
    expect((await stranger.get('/me')).body).toContain('the timetable has no events for this account');
    expect((await stranger.get('/admin')).statusCode).toBe(403);
  });
});

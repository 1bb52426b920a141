// The web service's defences, in process (fastify inject) against the emulator: strict headers, sealed session
// cookies with the right flags, CSRF on every form, sign-in rate limits, admin pages for admins only, person routes
// scoped to the session's person, and delegated tokens stored encrypted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPerson, listPeople, loadTokenCache } from '../../src/store/index.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { people } from '../support/emulator.ts';
import { InjectBrowser } from './inject-browser.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

describe('web security', () => {
  let harness: WebHarness;
  let s1: InjectBrowser;
  let s2: InjectBrowser;

  beforeAll(async () => {
    harness = await startWebHarness({ mode: 'delegated', signInRateLimit: { max: 8, timeWindowMs: 60_000 } });
    s1 = new InjectBrowser(harness.app);
    s2 = new InjectBrowser(harness.app);
    expect((await s1.signIn(harness.emulator, people.s1.upn, people.s1.password)).statusCode).toBe(303);
    expect((await s2.signIn(harness.emulator, people.s2.upn, people.s2.password)).statusCode).toBe(303);
  });
  afterAll(() => harness?.close());

  it('sends strict security headers: a CSP without scripts, no framing, no sniffing', async () => {
    const page = await s1.get('/me');
    expect(page.statusCode).toBe(200);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect(page.headers['cache-control']).toBe('no-store');
    // Plain http (this test's public URL): no HSTS, no upgrade.
    expect(page.headers['strict-transport-security']).toBeUndefined();
    expect(page.body).not.toMatch(/<script|style="/);
  });

  it('keeps the session in a sealed, HttpOnly, SameSite=Lax cookie', async () => {
    const browser = new InjectBrowser(harness.app);
    const back = await browser.signInAtEmulator(harness.emulator, people.s1.upn, people.s1.password);
    const callback = await browser.get(`${back.pathname}${back.search}`);
    const session = callback.cookies.find((cookie) => cookie.name === 'tts_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(session?.secure).toBeFalsy();
    // Sealed: neither the UPN nor the person id can be read from it, as text or decoded. (A bare `s1` can turn up
    // in random ciphertext by chance, so look for what a readable cookie would hold.)
    const decoded = Buffer.from(session?.value?.split('.').slice(1).join('') ?? '', 'base64url').toString();
    for (const text of [session?.value ?? '', decoded]) {
      expect(text).not.toContain(people.s1.upn);
      expect(text).not.toContain('uni.example');
      expect(text).not.toContain('"s1"');
    }
    // A tampered cookie is no session at all.
    const tampered = await harness.app.inject({
      method: 'GET',
      url: '/me',
      headers: { cookie: `tts_session=${(session?.value ?? '').slice(0, -4)}AAAA` },
    });
    expect(tampered.statusCode).toBe(401);
  });

  it('with an https public URL: Secure cookies with the __Host- prefix, and HSTS', async () => {
    const config = harness.engine.config;
    const app = await buildWebApp({
      engine: harness.engine,
      config: { ...config, web: { ...config.web, publicUrl: 'https://timetable.uni.example' } },
      enqueue: async () => {},
      log: () => {},
    });
    try {
      const start = await app.inject({ method: 'GET', url: '/auth/sign-in' });
      expect(start.statusCode).toBe(302);
      const cookie = start.cookies.find((c) => c.name === '__Host-tts_signin');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
      expect(start.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      expect(String(start.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await app.close();
    }
  });

  it('refuses a form without its CSRF token, or with another session’s', async () => {
    const { db } = harness.engine.store;
    const before = (await getPerson(db, 's1'))?.settings;
    const missing = await s1.post('/me/settings', { reminderMinutes: '60' });
    expect(missing.statusCode).toBe(403);
    expect(missing.body).toContain('Form expired');
    const s2Token = s2.csrfOf(await s2.get('/me'));
    const foreign = await s1.post('/me/settings', { _csrf: s2Token, reminderMinutes: '60' });
    expect(foreign.statusCode).toBe(403);
    const garbage = await s1.post('/me/reset', { _csrf: 'not-a-token' });
    expect(garbage.statusCode).toBe(403);
    expect((await getPerson(db, 's1'))?.settings).toEqual(before);
    expect(harness.jobs.filter((job) => job.kind === 'reset')).toEqual([]);

    const own = await s1.post('/me/settings', { _csrf: s1.csrfOf(await s1.get('/me')), reminderMinutes: '60' });
    expect(own.statusCode).toBe(303);
    expect((await getPerson(db, 's1'))?.settings.reminderMinutes).toBe(60);
  });

  it('checks CSRF on sign-out too', async () => {
    const refused = await s2.post('/auth/sign-out', {});
    expect(refused.statusCode).toBe(403);
    expect((await s2.get('/me')).statusCode).toBe(200);
  });

  it('shows person pages only to their person, and admin pages only to admins', async () => {
    const anonymous = new InjectBrowser(harness.app);
    expect((await anonymous.get('/me')).statusCode).toBe(401);
    expect((await anonymous.get('/admin')).statusCode).toBe(401);
    expect((await anonymous.get('/admin/people/s1')).statusCode).toBe(401);
    expect((await anonymous.post('/me/sync', {})).statusCode).toBe(403);
    for (const path of ['/admin', '/admin/people', '/admin/people/s1', '/admin/people/s2']) {
      expect((await s2.get(path)).statusCode, path).toBe(403);
    }
    const token = s2.csrfOf(await s2.get('/me'));
    for (const action of ['sync', 'reconcile', 'dry-run', 'purge']) {
      const response = await s2.post(`/admin/people/s1/${action}`, { _csrf: token, confirm: 'yes' });
      expect(response.statusCode, action).toBe(403);
    }
    expect((await s2.get('/me')).body).not.toContain(people.s1.upn);
  });

  it('ignores a person id in a form: the session decides whose settings change', async () => {
    const { db } = harness.engine.store;
    const s1Before = (await getPerson(db, 's1'))?.settings;
    const token = s2.csrfOf(await s2.get('/me'));
    const forged = await s2.post('/me/settings', { _csrf: token, personId: 's1', id: 's1', reminderMinutes: '5' });
    expect(forged.statusCode).toBe(303);
    expect((await getPerson(db, 's2'))?.settings.reminderMinutes).toBe(5);
    expect((await getPerson(db, 's1'))?.settings).toEqual(s1Before);
    expect(harness.jobs.at(-1)).toEqual({ personId: 's2', kind: 'sync' });
  });

  it('refuses settings the institution does not offer', async () => {
    const token = s2.csrfOf(await s2.get('/me'));
    const refused = await s2.post('/me/settings', { _csrf: token, reminderMinutes: '7' });
    expect(refused.statusCode).toBe(400);
    const none = await s2.post('/me/settings', { _csrf: token, activityTypesShown: 'yes' });
    expect(none.statusCode).toBe(400);
  });

  it('stores delegated tokens encrypted, bound to their person', async () => {
    const { db } = harness.engine.store;
    const stored = await loadTokenCache(db, 's1');
    expect(stored?.homeAccountId).toMatch(/^[0-9a-f-]+\.[0-9a-f-]+$/);
    const ciphertext = stored?.cacheCiphertext ?? '';
    expect(ciphertext).toMatch(/^v1\./);
    const cipher = harness.engine.delegated?.tokens.cipher;
    expect(() => cipher?.open(ciphertext, 'person_token:s2')).toThrow(/cannot decrypt/);
    const plaintext = cipher?.open(ciphertext, 'person_token:s1') ?? '';
    expect(plaintext).toContain('RefreshToken');
    // Every token value in the cache, long enough that random ciphertext cannot hold it by chance.
    const secrets = [...plaintext.matchAll(/"secret":"([^"]{16,})"/g)].map((m) => m[1]);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    for (const clear of [...secrets, 'RefreshToken', 's1@uni.example']) expect(ciphertext).not.toContain(clear);
    // The key never went anywhere near the log.
    expect(harness.log.join('\n')).not.toContain(ciphertext.slice(3, 20));
  });

  it('rate-limits sign-in per client address', async () => {
    const browser = new InjectBrowser(harness.app);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await browser.get('/auth/sign-in')).statusCode);
    expect(statuses).toContain(429);
    const limited = await browser.get('/auth/sign-in');
    expect(limited.statusCode).toBe(429);
    expect(limited.body).toContain('Too many attempts');
    // Pages other than sign-in are not limited.
    expect((await s1.get('/me')).statusCode).toBe(200);
    expect((await listPeople(harness.engine.store.db)).map((p) => p.id).sort()).toEqual(['s1', 's2']);
  });
});

// The security proof (issue 7), beside test/web: every route classified and tried with another person's session
// and ids, CSRF on every form route, security headers on every page, API keys hashed and compared in constant
// time, feed secrets unguessable, and, after a realistic run (delegated sign-in, an API key made and used, syncs
// in the service and by the CLI with a PFX and its password file), no secret in any table or any log line.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFeedSecret, getPerson, listRuns, loadTokenCache } from '../../src/store/index.ts';
import { createApiKey } from '../../src/web/api/api-keys.ts';
import { feedSecret } from '../../src/web/feed-secret.ts';
import { people } from '../support/emulator.ts';
import { InjectBrowser } from '../web/inject-browser.ts';
import { dumpDatabase, routesOf, type SecurityService, startSecurityService, tracesOf } from './security-service.ts';

/** Who may use each route. A new route fails the first test until it is added here (and so thought about). */
const routeClasses: Readonly<Record<string, 'public' | 'person' | 'admin' | 'api-key' | 'feed' | 'machine'>> = {
  'GET /': 'public',
  'GET /assets/site.css': 'public',
  'GET /auth/sign-in': 'public',
  'GET /auth/callback': 'public',
  'POST /auth/sign-out': 'person',
  'GET /me': 'person',
  'POST /me/settings': 'person',
  'POST /me/sync': 'person',
  'POST /me/reset': 'person',
  'POST /me/feed': 'person',
  'POST /me/disconnect': 'person',
  'GET /admin': 'admin',
  'GET /admin/people': 'admin',
  'GET /admin/people/:id': 'admin',
  'POST /admin/people/:id/sync': 'admin',
  'POST /admin/people/:id/reconcile': 'admin',
  'POST /admin/people/:id/dry-run': 'admin',
  'POST /admin/people/:id/purge': 'admin',
  'POST /admin/people/:id/plans/:planId/approve': 'admin',
  'POST /admin/people/:id/plans/:planId/reject': 'admin',
  'PUT /api/v1/people/:id/timetable': 'api-key',
  'POST /api/v1/events:changed': 'api-key',
  'POST /api/v1/people/:id/sync': 'api-key',
  'GET /ical/:file': 'feed',
  'GET /health': 'machine',
  'GET /metrics': 'machine',
};

/** A route's path with person B's (s1's) ids filled in. */
function pathFor(route: string, feed: string): string {
  return (route.split(' ')[1] as string)
    .replace(':id', 's1')
    .replace(':planId', '00000000-0000-4000-8000-000000000001')
    .replace(':file', `${feed}.ics`);
}

/** Another tab of the same browser: what it does to its cookies (a failed callback ends a session) stays there. */
function tabOf(browser: InjectBrowser, app: SecurityService['app']): InjectBrowser {
  const tab = new InjectBrowser(app);
  for (const [name, value] of browser.cookies) tab.cookies.set(name, value);
  return tab;
}

function expectSecurityHeaders(response: LightMyRequestResponse, what: string): void {
  const csp = String(response.headers['content-security-policy']);
  expect(csp, what).toContain("default-src 'self'");
  expect(csp, what).toContain("script-src 'none'");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).not.toContain('unsafe-');
  expect(response.headers['x-content-type-options'], what).toBe('nosniff');
  expect(response.headers['x-frame-options'], what).toBe('DENY');
  expect(['same-origin', 'no-referrer'], what).toContain(response.headers['referrer-policy']);
  expect(response.headers['x-powered-by'], what).toBeUndefined();
}

describe('security proof', () => {
  let service: SecurityService;
  let a: InjectBrowser; // person A: s2
  let b: InjectBrowser; // person B: s1, whose ids A tries
  let admin: InjectBrowser;
  let apiKey: string;
  const feeds: string[] = [];

  beforeAll(async () => {
    service = await startSecurityService();
    a = new InjectBrowser(service.app);
    b = new InjectBrowser(service.app);
    admin = new InjectBrowser(service.app);
    expect((await b.signIn(service.emulator, people.s1.upn, people.s1.password)).statusCode).toBe(303);
    expect((await a.signIn(service.emulator, people.s2.upn, people.s2.password)).statusCode).toBe(303);
    expect((await admin.signIn(service.emulator, people.outsider.upn, people.outsider.password)).statusCode).toBe(303);
    // An API key made and used, as a timetable system would.
    apiKey = (await createApiKey(service.engine.store.db, 'registry')).key;
    const used = await service.app.inject({
      method: 'POST',
      url: '/api/v1/people/s1/sync',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(used.statusCode).toBe(202);
    feeds.push(feedFromPage(await b.get('/me')));
  });
  afterAll(() => service?.close());

  function feedFromPage(page: LightMyRequestResponse): string {
    const secret = /\/ical\/([A-Za-z0-9_-]+)\.ics/.exec(page.body)?.[1];
    if (!secret) throw new Error('no feed address on the page');
    return secret;
  }

  /** What A must not be able to change of B's. */
  async function stateOfB() {
    const db = service.engine.store.db;
    return {
      person: await getPerson(db, 's1'),
      token: (await loadTokenCache(db, 's1'))?.cacheCiphertext,
      feed: (await getFeedSecret(db, 's1'))?.secretCiphertext,
      runs: (await listRuns(db, 's1', { limit: 100 })).length,
    };
  }

  it('knows every route the app answers', () => {
    expect(routesOf(service.app)).toEqual(Object.keys(routeClasses).sort());
  });

  it("lets person A neither read nor change person B's data through any route, whatever ids A sends", async () => {
    const before = await stateOfB();
    const token = a.csrfOf(await a.get('/me'));
    const forged = { _csrf: token, id: 's1', personId: 's1', mailbox: people.s1.upn, upn: people.s1.upn };
    for (const [route, kind] of Object.entries(routeClasses)) {
      const method = route.split(' ')[0] as string;
      const path = pathFor(route, feeds[0] as string);
      if (route === 'POST /auth/sign-out' || route === 'POST /me/disconnect') continue; // A's own, below
      let response: LightMyRequestResponse;
      if (method === 'GET') {
        response = await tabOf(a, service.app).get(`${path}?id=s1&personId=s1`);
      } else if (kind === 'api-key') {
        // A's session is no API key.
        response = await service.app.inject({
          method: method as 'PUT' | 'POST',
          url: path,
          headers: { cookie: [...a.cookies].map(([n, v]) => `${n}=${v}`).join('; ') },
          payload: { personId: 's1', mailbox: people.s2.upn, events: [] },
        });
      } else {
        response = await a.post(path, { ...forged, confirm: 'yes' });
      }
      if (kind === 'admin' || kind === 'api-key') expect(response.statusCode, route).toBeOneOf([401, 403]);
      if (kind === 'feed') expect(response.statusCode, route).toBe(200); // B's secret is B's: A cannot learn it
      if (kind === 'person' || kind === 'public') expect(response.statusCode, route).toBeLessThan(500);
      if (kind === 'person' || kind === 'admin' || kind === 'api-key') {
        expect(response.body, route).not.toContain(people.s1.upn);
        expect(response.body, route).not.toContain('s1-lec');
        expect(response.body, route).not.toContain(feeds[0]);
      }
    }
    // A's page shows A's own feed, never B's; a feed address made from B's id opens nothing.
    expect(feedFromPage(await a.get('/me'))).not.toBe(feeds[0]);
    expect((await a.get('/ical/s1.ics')).statusCode).toBe(404);
    // Disconnect and sign-out act on A only.
    const last = a.csrfOf(await a.get('/me'));
    expect((await a.post('/me/disconnect', { ...forged, _csrf: last, confirm: 'yes' })).statusCode).toBe(303);
    expect((await getPerson(service.engine.store.db, 's2'))?.status).toBe('disconnected');
    expect((await a.post('/auth/sign-out', { ...forged, _csrf: last })).statusCode).toBe(303);
    expect((await b.get('/me')).statusCode).toBe(200);

    const after = await stateOfB();
    expect(after).toEqual(before);
  });

  it('refuses every form route without a CSRF token, and changes nothing', async () => {
    const before = await stateOfB();
    const forms = Object.keys(routeClasses).filter(
      (route) => route.startsWith('POST ') && routeClasses[route] !== 'api-key',
    );
    expect(forms).toHaveLength(12);
    for (const route of forms) {
      const browser = routeClasses[route] === 'admin' ? admin : b;
      const response = await browser.post(pathFor(route, feeds[0] as string), { confirm: 'yes', reminderMinutes: '5' });
      expect(response.statusCode, route).toBe(403);
      expect(response.body, route).toContain('Form expired');
    }
    expect(await stateOfB()).toEqual(before);
    expect((await b.get('/me')).statusCode).toBe(200);
  });

  it('sends the security headers on every page, error page and machine answer, to everyone', async () => {
    const gets = Object.keys(routeClasses).filter((route) => route.startsWith('GET '));
    for (const browser of [new InjectBrowser(service.app), b, admin]) {
      for (const route of gets) {
        const response = await tabOf(browser, service.app).get(pathFor(route, feeds[0] as string));
        expectSecurityHeaders(response, `${route} → ${response.statusCode}`);
      }
      expectSecurityHeaders(await tabOf(browser, service.app).get('/no-such-page'), '404');
      expectSecurityHeaders(await tabOf(browser, service.app).post('/me/sync', {}), 'refused form');
    }
    for (const path of ['/me', '/admin', '/admin/people', '/admin/people/s1']) {
      const response = await (path === '/me' ? b : admin).get(path);
      expect(response.statusCode, path).toBe(200);
      expect(response.headers['cache-control'], path).toBe('no-store');
    }
  });

  it('stores API keys as SHA-256 only and compares fixed-length digests with crypto.timingSafeEqual', async () => {
    const code = readFileSync(new URL('../../src/web/api/api-keys.ts', import.meta.url), 'utf8');
    expect(code).toMatch(/import \{[^}]*\btimingSafeEqual\b[^}]*\} from 'node:crypto'/);
    expect(code).toMatch(/createHash\('sha256'\)\.update\(key\)\.digest\(\)/);
    expect(code).toContain("const expected = Buffer.from(stored.keyHash, 'hex');");
    expect(code).toContain('const given = hashOf(presented);');
    expect(code).toContain('!timingSafeEqual(expected, given)');
    // No other comparison of a key or its hash.
    expect(code).not.toMatch(/\b(keyHash|presented|given|expected)\s*[!=]==(?!\s*(undefined|null)\b)/);
    expect(code).not.toMatch(/[!=]==\s*(stored\.keyHash|presented|given|expected)\b(?!\.length)/);
    expect(code).not.toMatch(/\.(equals|compare)\(/);
    const rows = await service.engine.store.db.selectFrom('apiKey').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).toContain(createHash('sha256').update(apiKey).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(apiKey.slice(17));
  });

  it('makes feed secrets of 192 random bits, and a new address closes the old one at once', async () => {
    const db = service.engine.store.db;
    const cipher = service.engine.delegated?.tokens.cipher;
    if (!cipher) throw new Error('no token cipher');
    const made = new Set<string>();
    for (let i = 0; i < 300; i++) made.add(await feedSecret(db, cipher, 's2', { rotate: true }));
    expect(made.size).toBe(300);
    for (const secret of made) {
      expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(secret, 'base64url')).toHaveLength(24);
    }
    // Across 300 secrets × 24 bytes, every byte value turns up (a counter or a clock would not do that).
    const bytes = new Set([...made].flatMap((secret) => [...Buffer.from(secret, 'base64url')]));
    expect(bytes.size).toBe(256);

    const token = b.csrfOf(await b.get('/me'));
    expect((await b.post('/me/feed', { _csrf: token })).statusCode).toBe(303);
    const rotated = feedFromPage(await b.get('/me'));
    expect(rotated).not.toBe(feeds[0]);
    expect((await b.get(`/ical/${feeds[0]}.ics`)).statusCode).toBe(404);
    expect((await b.get(`/ical/${rotated}.ics`)).statusCode).toBe(200);
    feeds.push(rotated);
  });

  it('keeps refresh tokens, the certificate password, API keys and feed secrets out of every table and log', async () => {
    const cipher = service.engine.delegated?.tokens.cipher;
    const stored = await loadTokenCache(service.engine.store.db, 's1');
    const cache = JSON.parse(cipher?.open(stored?.cacheCiphertext ?? '', 'person_token:s1') ?? '{}') as Record<
      string,
      Record<string, { secret: string }>
    >;
    const refreshTokens = Object.values(cache.RefreshToken ?? {}).map((entry) => entry.secret);
    const accessTokens = Object.values(cache.AccessToken ?? {}).map((entry) => entry.secret);
    expect(refreshTokens.length).toBeGreaterThan(0);
    // The run goes on in another process: the CLI syncs everyone connected, with the PFX and its password file.
    await service.stopService();
    const cli = await runCli(['sync', '--config', service.configPath]);
    expect(cli.code, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/succeeded\s+s1/);

    const secrets: Record<string, string[]> = {
      'refresh token': refreshTokens,
      'access token': accessTokens,
      'certificate password': [service.pfxPassword],
      'API key': [apiKey, apiKey.slice(17)],
      'feed secret': feeds,
    };
    const dump = await dumpDatabase(service.dataDir);
    // The scan sees what it should: the tables of both schemas, with the rows this run wrote.
    for (const table of ['public.person', 'public.person_token', 'public.api_key', 'public.person_feed']) {
      expect(dump.get(table)?.length, table).toBeGreaterThan(0);
    }
    expect(dump.get('public.api_key')?.join('\n')).toContain(createHash('sha256').update(apiKey).digest('hex'));
    const bossRows = [...dump].filter(([table]) => table.startsWith('pgboss.')).flatMap(([, rows]) => rows);
    expect(bossRows.some((row) => /"personId": ?"s1"/.test(row))).toBe(true);
    const logs = [...service.output, cli.stdout, cli.stderr].join('\n');
    expect(logs.length).toBeGreaterThan(0);

    const found: string[] = [];
    for (const [what, values] of Object.entries(secrets)) {
      for (const trace of values.flatMap(tracesOf)) {
        for (const [table, rows] of dump)
          if (rows.some((row) => row.includes(trace))) found.push(`${what} in ${table}`);
        if (logs.includes(trace)) found.push(`${what} in the logs`);
      }
    }
    expect(found).toEqual([]);
  });
});

function runCli(args: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/timetable-sync.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

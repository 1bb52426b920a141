// A delegated connection over its life, in process against the emulator: refreshes of one person run one at a
// time; a revoked sign-in, an expired one or removed consent makes the person "reconnect needed" (shown on their
// page, grouped on the dashboard) and stops retries until they sign in again; disconnecting when the sign-in is
// already gone forgets the tokens and says the events stayed.
import type { INetworkModule } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegatedGraphScopes } from '../../src/auth/delegated-sign-in.ts';
import { DelegatedTokens } from '../../src/auth/delegated-tokens.ts';
import { HttpsNetworkClient } from '../../src/auth/https-network-client.ts';
import { failureCauses, getPerson, loadTokenCache } from '../../src/store/index.ts';
import { appCredential } from '../../src/sync/engine.ts';
import { runPersonJob } from '../../src/sync/person-job.ts';
import { selectPeople } from '../../src/sync/sync-people.ts';
import { inspectMailbox, markerKey } from '../support/calendar-check.ts';
import { people } from '../support/emulator.ts';
import { setLimits } from '../support/emulator-control.ts';
import { InjectBrowser } from './inject-browser.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

describe('a delegated connection', () => {
  let harness: WebHarness;
  let s1: InjectBrowser;

  async function post(path: string): Promise<void> {
    const response = await harness.emulator.fetch(`${harness.emulator.url}/_emulator/${path}`, { method: 'POST' });
    expect(response.status, path).toBeLessThan(300);
    await response.text();
  }

  async function ours(upn: string) {
    return (await inspectMailbox(harness.emulator, upn)).filter((event) => markerKey(event) !== undefined);
  }

  beforeAll(async () => {
    harness = await startWebHarness({ mode: 'delegated', admins: [people.outsider.upn] });
    // Access tokens shorter than msal's five-minute margin: every token request is a refresh.
    await setLimits(harness.emulator, { accessTokenLifetimeSeconds: 120 });
    s1 = new InjectBrowser(harness.app);
    expect((await s1.signIn(harness.emulator, people.s1.upn, people.s1.password)).statusCode).toBe(303);
    expect(await ours(people.s1.upn)).toHaveLength(6);
  });
  afterAll(() => harness?.close());

  it('refreshes one person one at a time, and different people at once', async () => {
    const s2 = new InjectBrowser(harness.app);
    await s2.signIn(harness.emulator, people.s2.upn, people.s2.password);
    const config = harness.engine.config;
    const inner = new HttpsNetworkClient({ extraCaPem: harness.emulator.emulator.caPem });
    let inFlight = 0;
    let most = 0;
    let refreshes = 0;
    const counting: INetworkModule = {
      sendGetRequestAsync: (url, options, timeout) => inner.sendGetRequestAsync(url, options, timeout),
      sendPostRequestAsync: async (url, options) => {
        const refresh = String(options?.body).includes('grant_type=refresh_token');
        if (refresh) {
          refreshes++;
          most = Math.max(most, ++inFlight);
        }
        try {
          return await inner.sendPostRequestAsync(url, options);
        } finally {
          if (refresh) inFlight--;
        }
      },
    };
    const tokens = new DelegatedTokens({
      msal: {
        tenantId: config.microsoft.tenantId,
        clientId: config.microsoft.clientId,
        authorityHost: config.microsoft.authorityHost,
        graphEndpoint: config.microsoft.graphEndpoint,
        credential: await appCredential(config),
      },
      db: harness.engine.store.db,
      cipher: harness.engine.delegated?.tokens.cipher ?? expect.fail('no delegated tokens'),
      scopes: delegatedGraphScopes(config.microsoft.graphEndpoint, false),
      networkClient: counting,
    });
    try {
      const one = tokens.tokenProvider('s1');
      const results = await Promise.all(Array.from({ length: 5 }, () => one.getToken()));
      expect(results.every((token) => token.split('.').length === 3)).toBe(true);
      expect(refreshes).toBe(5);
      expect(most).toBe(1);

      most = 0;
      await Promise.all([tokens.tokenProvider('s1').getToken(), tokens.tokenProvider('s2').getToken()]);
      expect(most).toBe(2);
    } finally {
      await tokens.close();
      await inner.close();
    }
    // Each refresh stored the rotated cache, still encrypted.
    expect((await loadTokenCache(harness.engine.store.db, 's1'))?.cacheCiphertext).toMatch(/^v1\./);
  });

  it('a revoked sign-in makes the person "reconnect needed" and stops retries until they sign in again', async () => {
    const { db } = harness.engine.store;
    await post(`users/${people.s1.upn}/revoke-refresh-tokens`);
    const first = await runPersonJob(harness.engine, 's1', 'sync');
    expect(first.outcome?.status).toBe('failed');
    const person = await getPerson(db, 's1');
    expect(person?.status).toBe('reconnect_needed');
    expect(person?.statusCode).toBe('AADSTS50173');
    expect(person?.statusReason).toMatch(/sign in again/);

    expect(await runPersonJob(harness.engine, 's1', 'sync')).toEqual({
      outcome: undefined,
      skipped: 'reconnect-needed',
    });
    expect((await selectPeople(harness.engine)).map((p) => p.id)).not.toContain('s1');

    const page = await s1.get('/me');
    expect(page.body).toContain('Reconnect needed');
    expect(page.body).toMatch(/<a class="button" href="\/auth\/sign-in">Reconnect<\/a>/);
    expect(page.body).not.toContain('action="/me/disconnect"');

    const causes = await failureCauses(db);
    expect(causes).toEqual([expect.objectContaining({ code: 'AADSTS50173', people: 1, samplePersonIds: ['s1'] })]);
    const admin = new InjectBrowser(harness.app);
    await admin.signIn(harness.emulator, people.outsider.upn, people.outsider.password);
    expect((await admin.get('/admin')).body).toMatch(/AADSTS50173.*sign-in was revoked/s);

    // Reconnecting: a new sign-in, a sync, and the calendar is as it was (nothing duplicated).
    const again = await s1.signIn(harness.emulator, people.s1.upn, people.s1.password);
    expect(again.headers.location).toBe('/me?done=connected');
    expect((await getPerson(db, 's1'))?.status).toBe('ok');
    expect(await ours(people.s1.upn)).toHaveLength(6);
  });

  it('an expired sign-in and removed consent need a reconnect too', async () => {
    const { db } = harness.engine.store;
    await post(`users/${people.s1.upn}/expire-refresh-tokens`);
    await runPersonJob(harness.engine, 's1', 'sync');
    expect((await getPerson(db, 's1'))?.statusCode).toBe('AADSTS700082');
    expect((await getPerson(db, 's1'))?.status).toBe('reconnect_needed');

    await post(`users/${people.s2.upn}/revoke-consent`);
    await runPersonJob(harness.engine, 's2', 'sync');
    expect((await getPerson(db, 's2'))?.status).toBe('reconnect_needed');
    expect((await getPerson(db, 's2'))?.statusCode).toBe('AADSTS65001');
  });

  it('disconnecting after the sign-in ended forgets the tokens and says the events stayed', async () => {
    const token = s1.csrfOf(await s1.get('/me'));
    // The page offers no Disconnect now, but the route still works for a person with stored tokens.
    const response = await s1.post('/me/disconnect', { _csrf: token, confirm: 'yes' });
    expect(response.headers.location).toBe('/me?done=disconnected&n=0');
    const person = await getPerson(harness.engine.store.db, 's1');
    expect(person?.status).toBe('disconnected');
    expect(person?.statusReason).toMatch(/could not be removed/);
    expect(await loadTokenCache(harness.engine.store.db, 's1')).toBeUndefined();
    expect(await ours(people.s1.upn)).toHaveLength(6);
    expect(await runPersonJob(harness.engine, 's1', 'sync')).toEqual({ outcome: undefined, skipped: 'disconnected' });
  });
});

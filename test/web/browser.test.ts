// The web service in real Chromium against the emulator (delegated permissions): a person signs in on the
// emulator's pages and connects, sees their events arrive, changes their reminder, resets after deleting and
// editing events in "Outlook", and disconnects; an admin sees the dashboard and runs a dry run; a second person
// cannot reach the first one's pages, and a person id posted in a form is ignored in favour of the session.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPerson } from '../../src/store/index.ts';
import { actAsOwner, inspectMailbox, markerKey } from '../support/calendar-check.ts';
import { people } from '../support/emulator.ts';
import { launchChromium } from './chromium.ts';
import { startWebHarness, type WebHarness } from './web-harness.ts';

type Account = { readonly upn: string; readonly password: string };

describe('the web pages in Chromium', () => {
  let harness: WebHarness;
  let browser: Browser;
  let s1: BrowserContext;
  let s1Page: Page;

  beforeAll(async () => {
    harness = await startWebHarness({ mode: 'delegated', listen: true, admins: [people.outsider.upn] });
    browser = await launchChromium(harness.emulator);
    s1 = await browser.newContext();
    s1Page = await s1.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  /** From our front page through the emulator's sign-in (and consent) pages back to ours. */
  async function signIn(page: Page, account: Account): Promise<void> {
    await page.goto(`${harness.publicUrl}/`);
    await page.getByRole('link', { name: /^Sign in/ }).click();
    await page.locator('#i0116').fill(account.upn);
    await page.locator('#i0118').fill(account.password);
    await page.locator('#idSIButton9').click();
    if (await page.getByRole('heading', { name: 'Permissions requested' }).isVisible()) {
      await page.locator('#idSIButton9').click();
    }
    await page.waitForURL((url) => url.origin === harness.publicUrl);
  }

  /** Clicks a button or link that loads a new page, and waits for that page. */
  async function submit(page: Page, target: Locator): Promise<void> {
    await Promise.all([page.waitForEvent('load'), target.click()]);
  }

  async function text(locator: Locator): Promise<string> {
    // biome-ignore lint/performance/useDomNodeTextContent: the text as a person sees it, gaps between cells included
    return (await locator.innerText()).trim();
  }

  async function ourEvents(upn: string) {
    return (await inspectMailbox(harness.emulator, upn)).filter((event) => markerKey(event) !== undefined);
  }

  it('a person signs in, connects their calendar and sees their events arrive', async () => {
    await signIn(s1Page, people.s1);
    expect(new URL(s1Page.url()).pathname).toBe('/me');
    expect(await text(s1Page.getByRole('status'))).toMatch(/Your calendar is connected/);
    expect(await text(s1Page.getByRole('heading', { level: 1 }))).toBe('Your timetable in Outlook');
    expect(await text(s1Page.locator('.status'))).toBe('In sync');
    expect(await text(s1Page.getByRole('table', { name: /latest syncs/ }))).toContain('6 created');
    expect(await ourEvents(people.s1.upn)).toHaveLength(6);
    // The owner's own appointment is untouched.
    expect((await inspectMailbox(harness.emulator, people.s1.upn)).map((e) => e.subject)).toContain('Dentist');
    await s1Page.screenshot({ path: '/tmp/tts-person-page.png', fullPage: true });
  });

  it('changing the reminder updates the events in their calendar', async () => {
    await s1Page.getByLabel('Reminder before each event').selectOption('30');
    await submit(s1Page, s1Page.getByRole('button', { name: 'Save settings' }));
    expect(await text(s1Page.getByRole('status'))).toMatch(/Settings saved/);
    expect(await s1Page.getByLabel('Reminder before each event').inputValue()).toBe('30');
    const events = (await ourEvents(people.s1.upn)) as unknown as { reminderMinutesBeforeStart: number }[];
    expect(events.map((e) => e.reminderMinutesBeforeStart)).toEqual(Array(6).fill(30));
  });

  it('reset brings back an event they deleted and undoes an edit', async () => {
    const [deleted, edited] = await ourEvents(people.s1.upn);
    if (!deleted || !edited) throw new Error('expected events');
    await actAsOwner(harness.emulator, people.s1.upn, 'DELETE', undefined, deleted.id);
    await actAsOwner(harness.emulator, people.s1.upn, 'PATCH', { subject: 'My own title' }, edited.id);
    expect(await ourEvents(people.s1.upn)).toHaveLength(5);

    await submit(s1Page, s1Page.getByRole('button', { name: 'Reset my calendar' }));
    expect(await text(s1Page.getByRole('status'))).toMatch(/being reset/);
    const after = await ourEvents(people.s1.upn);
    expect(after).toHaveLength(6);
    expect(after.map(markerKey).sort()).toContain(markerKey(deleted));
    expect(after.find((e) => markerKey(e) === markerKey(edited))?.subject).toBe(edited.subject);
  });

  it('an admin sees the dashboard and runs a dry run', async () => {
    const admin = await browser.newContext();
    const page = await admin.newPage();
    await signIn(page, people.outsider);
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Dashboard');
    // s1 connected; s2 has not signed in yet, so only one person is known.
    expect(await text(page.locator('.counts .all'))).toMatch(/^1\s+people$/);
    expect(await text(page.locator('.counts .ok'))).toMatch(/^1\s+in sync$/);
    expect(await page.getByRole('img', { name: 'Writes to Outlook per hour (UTC)' }).isVisible()).toBe(true);
    expect(await page.locator('#chart-desc').textContent()).toMatch(/^\d+ writes accepted/);
    expect(await page.getByRole('heading', { name: 'App certificate' }).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/tts-admin-dashboard.png', fullPage: true });

    await submit(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }));
    await page.getByLabel('Person id or mailbox').fill('s1');
    await submit(page, page.getByRole('button', { name: 'Search' }));
    await submit(page, page.getByRole('link', { name: 's1', exact: true }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Person s1');
    expect(await text(page.getByRole('table', { name: /Every write sent to Graph/ }))).toContain('create');

    await submit(page, page.getByRole('button', { name: 'Dry run (preview)' }));
    expect(await text(page.getByRole('heading', { level: 1 }))).toBe('Dry run for s1');
    const plan = page.getByRole('table', { name: /What a sync would do now/ });
    expect(await text(plan.getByRole('row', { name: /Unchanged/ }))).toMatch(/Unchanged\s+6$/);
    expect(await text(plan.getByRole('row', { name: /^Create/ }))).toMatch(/Create\s+0$/);
    expect(await text(plan.getByRole('row', { name: /^Delete/ }))).toMatch(/Delete\s+0$/);
    await admin.close();
  });

  it('a second person cannot reach the first one’s pages, and ids in forms are ignored', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    await signIn(page, people.s2);
    expect(await text(page.locator('.who'))).toContain(people.s2.upn);
    for (const path of ['/admin', '/admin/people', '/admin/people/s1']) {
      const response = await page.goto(`${harness.publicUrl}${path}`);
      expect(response?.status(), path).toBe(403);
    }
    const response = await page.goto(`${harness.publicUrl}/me`);
    expect(response?.status()).toBe(200);
    expect(await text(page.locator('dl.facts'))).toContain(people.s2.upn);
    expect(await text(page.locator('body'))).not.toContain(people.s1.upn);

    // A forged form naming s1 changes s2's own settings, never s1's.
    const csrf = await page.locator('form[action="/me/settings"] input[name="_csrf"]').inputValue();
    const forged = await other.request.post(`${harness.publicUrl}/me/settings`, {
      form: { _csrf: csrf, personId: 's1', id: 's1', reminderMinutes: '60' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(303);
    const { db } = harness.engine.store;
    expect((await getPerson(db, 's2'))?.settings.reminderMinutes).toBe(60);
    expect((await getPerson(db, 's1'))?.settings.reminderMinutes).toBe(30);
    await other.close();
  });

  it('disconnecting removes every event we created and forgets the sign-in', async () => {
    await s1Page.goto(`${harness.publicUrl}/me`);
    await s1Page.getByLabel('Yes, remove my timetable events and disconnect').check();
    await submit(s1Page, s1Page.getByRole('button', { name: 'Disconnect' }));
    expect(await text(s1Page.getByRole('status'))).toMatch(/Disconnected\. 6 timetable events were removed/);
    expect(await text(s1Page.locator('.status'))).toBe('Disconnected');
    expect(await s1Page.getByRole('link', { name: 'Connect my Outlook calendar' }).isVisible()).toBe(true);
    expect(await ourEvents(people.s1.upn)).toEqual([]);
    expect((await inspectMailbox(harness.emulator, people.s1.upn)).map((e) => e.subject)).toEqual(['Dentist']);
    expect(await harness.engine.delegated?.tokens.isConnected('s1')).toBe(false);
  });
});

// The admin pages in process (application permissions): the dashboard's counts, chart, causes and plans; the
// searchable list; a person's detail with every write; and the actions: sync, reconcile, dry run, purge, and
// approving or rejecting a held plan.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOpenPlan, getPerson } from '../../src/store/index.ts';
import { syncPeople } from '../../src/sync/sync-people.ts';
import { inspectMailbox, markerKey } from '../support/calendar-check.ts';
import { groupId, people } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';
import { InjectBrowser } from './inject-browser.ts';
import { defaultTimetable, startWebHarness, type WebHarness } from './web-harness.ts';

const adminGroupId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';

describe('admin pages', () => {
  let harness: WebHarness;
  let admin: InjectBrowser;

  const timetable = () => ({
    ...defaultTimetable(),
    people: [
      ...defaultTimetable().people,
      // No Exchange Online mailbox: fails with MailboxNotEnabledForRESTAPI.
      { id: 'onprem', mailbox: people.noMailbox.upn, events: lectures('onprem', 2) },
    ],
  });

  async function ours(upn: string) {
    return (await inspectMailbox(harness.emulator, upn)).filter((event) => markerKey(event) !== undefined);
  }

  beforeAll(async () => {
    harness = await startWebHarness({
      mode: 'application',
      admins: [people.outsider.upn],
      timetable: timetable(),
      // Admins are also the members of an Entra group, checked with the app's GroupMember.Read.All.
      web: { adminGroup: adminGroupId },
      extraSeed: (seed) => {
        const [tenant] = seed.tenants as {
          applications: { applicationPermissions: string[] }[];
          groups: { id: string; displayName: string; members: string[] }[];
        }[];
        tenant?.applications[0]?.applicationPermissions.push('GroupMember.Read.All');
        tenant?.groups.push({ id: adminGroupId, displayName: 'Timetable admins', members: [groupId] });
      },
    });
    await syncPeople(harness.engine, { kind: 'sync' });
    admin = new InjectBrowser(harness.app);
    await admin.signIn(harness.emulator, people.outsider.upn, people.outsider.password);
  });
  afterAll(() => harness?.close());

  it('shows counts, the chart, the certificate and why people fail, with what to do', async () => {
    const page = await admin.get('/admin');
    expect(page.statusCode).toBe(200);
    const body = page.body.replace(/\s+/g, ' ');
    expect(body).toMatch(/<span class="number">3<\/span> people/);
    expect(body).toMatch(/<span class="number">2<\/span> in sync/);
    expect(body).toMatch(/<span class="number">1<\/span> failing/);
    expect(body).toContain('<svg class="chart"');
    expect(body).toMatch(/<desc id="chart-desc">11 writes accepted, 0 throttled, 0 failed/);
    expect(body).toContain('CN=timetable-sync test');
    expect(body).toContain('MailboxNotEnabledForRESTAPI');
    expect(body).toContain('give them an Exchange Online licence');
    expect(body).toContain('href="/admin/people/onprem"');
  });

  it('searches people by id or mailbox and by status', async () => {
    const all = await admin.get('/admin/people');
    expect(all.body).toContain('3 people');
    const byMailbox = await admin.get('/admin/people?q=S2%40UNI');
    expect(byMailbox.body).toContain('1 person');
    expect(byMailbox.body).toContain('href="/admin/people/s2"');
    const failing = await admin.get('/admin/people?status=failing');
    expect(failing.body).toContain('href="/admin/people/onprem"');
    expect(failing.body).not.toContain('href="/admin/people/s1"');
    const escaped = await admin.get(`/admin/people?q=${encodeURIComponent('<script>%_')}`);
    expect(escaped.body).toContain('value="&lt;script&gt;%_"');
    expect(escaped.body).toContain('Nobody matches');
  });

  it('shows one person: their state, errors with advice, runs and every write', async () => {
    const page = await admin.get('/admin/people/onprem');
    expect(page.body).toContain('MailboxNotEnabledForRESTAPI');
    expect(page.body).toContain('What to do');
    const s1 = await admin.get('/admin/people/s1');
    expect((s1.body.match(/<td>create<\/td>/g) ?? []).length).toBe(6);
    expect((await admin.get('/admin/people/nobody')).statusCode).toBe(404);
  });

  it('queues a sync and a reconcile, and purges on confirmation only', async () => {
    const token = admin.csrfOf(await admin.get('/admin/people/s2'));
    const sync = await admin.post('/admin/people/s2/sync', { _csrf: token });
    expect(sync.headers.location).toBe('/admin/people/s2?done=sync-queued');
    const reconcile = await admin.post('/admin/people/s2/reconcile', { _csrf: token });
    expect(reconcile.headers.location).toBe('/admin/people/s2?done=reconcile-queued');
    expect(harness.jobs.slice(-2)).toEqual([
      { personId: 's2', kind: 'sync' },
      { personId: 's2', kind: 'reconcile' },
    ]);
    expect((await admin.post('/admin/people/s2/purge', { _csrf: token })).statusCode).toBe(400);
    expect(await ours(people.s2.upn)).toHaveLength(5);
    const purged = await admin.post('/admin/people/s2/purge', { _csrf: token, confirm: 'yes' });
    expect(purged.headers.location).toBe('/admin/people/s2?done=purged&n=5');
    expect(await ours(people.s2.upn)).toEqual([]);
    expect((await admin.get(String(purged.headers.location))).body).toContain('Purged: 5 events deleted.');
  });

  it('previews a held plan with a dry run, and approves it', async () => {
    harness.writeTimetable({
      ...timetable(),
      people: timetable().people.map((p) => (p.id === 's1' ? { ...p, events: [] } : p)),
    });
    await syncPeople(harness.engine, { kind: 'sync', personIds: ['s1'] });
    expect((await getPerson(harness.engine.store.db, 's1'))?.status).toBe('held');
    const dashboard = await admin.get('/admin');
    expect(dashboard.body).toMatch(/<span class="number">1<\/span> held plans/);
    expect(dashboard.body).toMatch(/s1<\/a>: would delete 6 of 6 events/);

    const token = admin.csrfOf(await admin.get('/admin/people/s1'));
    const preview = await admin.post('/admin/people/s1/dry-run', { _csrf: token });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('This plan would be held for an admin');
    expect(preview.body.replace(/\s+/g, ' ')).toMatch(/<th scope="row">Delete<\/th><td class="num">6<\/td>/);
    expect(await ours(people.s1.upn)).toHaveLength(6);

    const plan = await getOpenPlan(harness.engine.store.db, 's1');
    const approved = await admin.post(`/admin/people/s1/plans/${plan?.id}/approve`, { _csrf: token });
    expect(approved.headers.location).toBe('/admin/people/s1?done=plan-approved');
    expect(await ours(people.s1.upn)).toEqual([]);
    expect((await getPerson(harness.engine.store.db, 's1'))?.status).toBe('ok');
    const again = await admin.post(`/admin/people/s1/plans/${plan?.id}/approve`, { _csrf: token });
    expect(again.headers.location).toBe('/admin/people/s1?done=plan-gone');
  });

  it('rejects a held plan without deleting anything', async () => {
    harness.writeTimetable(timetable());
    await syncPeople(harness.engine, { kind: 'sync', personIds: ['s1'] });
    expect(await ours(people.s1.upn)).toHaveLength(6);
    harness.writeTimetable({
      ...timetable(),
      people: timetable().people.map((p) => (p.id === 's1' ? { ...p, events: [] } : p)),
    });
    await syncPeople(harness.engine, { kind: 'sync', personIds: ['s1'] });
    const plan = await getOpenPlan(harness.engine.store.db, 's1');
    const token = admin.csrfOf(await admin.get('/admin/people/s1'));
    const rejected = await admin.post(`/admin/people/s1/plans/${plan?.id}/reject`, { _csrf: token });
    expect(rejected.headers.location).toBe('/admin/people/s1?done=plan-rejected');
    expect(await ours(people.s1.upn)).toHaveLength(6);
    const person = await getPerson(harness.engine.store.db, 's1');
    expect(person?.statusReason).toContain(`${people.outsider.upn} rejected a plan deleting 6 of 6 events`);
    expect(await getOpenPlan(harness.engine.store.db, 's1')).toBeUndefined();
  });

  it('makes the (transitive) members of the admin group admins, next to the listed ones', async () => {
    const member = new InjectBrowser(harness.app);
    await member.signIn(harness.emulator, people.s2.upn, people.s2.password);
    expect((await member.get('/admin')).statusCode).toBe(200);
    expect((await member.get('/me')).body).toContain('href="/admin"');
    const listed = new InjectBrowser(harness.app);
    await listed.signIn(harness.emulator, people.outsider.upn, people.outsider.password);
    expect((await listed.get('/admin')).statusCode).toBe(200);
    expect(harness.log.filter((line) => line.includes('admin group'))).toEqual([]);
  });
});

// End to end: the engine reads two people's timetables from a MyTimetable stand-in (the people file names them),
// maps them through the institution's templates and activity types, makes sure of each mailbox's coloured
// categories, and writes the events into the emulator. Then what a university admin would check: the calendars,
// the category lists, a template change (updates only), and an app without MailboxSettings.ReadWrite.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MISSING_PERMISSION_WARNING } from '../../src/categories/category-keeper.ts';
import { loadConfig } from '../../src/config/index.ts';
import { SOURCE_KEY_PROPERTY_ID } from '../../src/mapping/index.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { syncPeople } from '../../src/sync/sync-people.ts';
import {
  type FakeEvent,
  type FakeMyTimetable,
  myTimetableEvent,
  startFakeMyTimetable,
} from '../source/mytimetable-server.ts';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';

const token = 'mt-elevated-7c1e';

interface Inspected {
  subject: string;
  categories: string[];
  showAs: string;
  isReminderOn: boolean;
  reminderMinutesBeforeStart: number;
  location: { displayName: string };
  singleValueExtendedProperties?: { id: string; value: string }[];
}

/** Tomorrow on, one event a day at 09:00 UTC. */
function day(offset: number): string {
  const date = new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  return `${date}T09:00:00Z`;
}

const timetables = () => ({
  s1: [
    myTimetableEvent('2026!L1-1', day(1), 105),
    myTimetableEvent('2026!L1-2', day(8), 105),
    myTimetableEvent('2026!EX-1', day(9), 180, {
      activityTypeName: 'Exam',
      activityTypeColor: '#d62728',
      activityDescription: 'Final exam',
    }),
    myTimetableEvent('2026!TRIP', day(10), 480, { activityTypeName: 'Excursion', activityTypeColor: '#2ca02c' }),
  ],
  s2: [
    myTimetableEvent('2026!L1-1', day(1), 105),
    myTimetableEvent('2026!PR-1', day(2), 120, {
      activityTypeName: 'Practical',
      activityTypeColor: '#2ca02c',
      moduleCode: 'CHEM2',
      activityDescription: null,
    }),
  ],
});

const mapping = {
  subject: '[{courseCode} ]{activityType}: {title}',
  activityTypes: {
    Exam: { category: 'Exams', color: 'DarkRed', reminderMinutes: 1440, showAs: 'oof' },
    Excursion: { sync: false },
  },
};

interface Setup {
  readonly emulator: TestEmulator;
  readonly server: FakeMyTimetable;
  readonly dir: string;
  writeConfig(mappingSection: Record<string, unknown>): string;
}

interface SetUpOptions {
  readonly extraSeed?: (seed: Record<string, unknown>) => void;
  /** MyTimetable usernames from the people file's username column instead of the UPN's local part. */
  readonly usernameColumn?: boolean;
}

async function setUp(options: SetUpOptions = {}): Promise<Setup> {
  const emulator = await startTestEmulator(options.extraSeed ? { extraSeed: options.extraSeed } : {});
  const { s1, s2 } = timetables();
  const users: Record<string, FakeEvent[]> = options.usernameColumn ? { 'mt-0001': s1, 'mt-0002': s2 } : { s1, s2 };
  const server = await startFakeMyTimetable({ token, users });
  const dir = mkdtempSync(join(tmpdir(), 'tts-mytimetable-'));
  writeFileSync(join(dir, 'cert.pem'), emulator.certificate.certPem);
  writeFileSync(join(dir, 'key.pem'), emulator.certificate.keyPem);
  writeFileSync(join(dir, 'mytimetable.token'), `${token}\n`);
  writeFileSync(
    join(dir, 'people.csv'),
    options.usernameColumn
      ? `id,mailbox,username\ns1,${people.s1.upn},mt-0001\ns2,${people.s2.upn},mt-0002\n`
      : `id,mailbox\ns1,${people.s1.upn}\ns2,${people.s2.upn}\n`,
  );
  const writeConfig = (mappingSection: Record<string, unknown>) => {
    const path = join(dir, 'timetable-sync.yaml');
    writeFileSync(
      path,
      JSON.stringify({
        database: { dataDir: join(dir, 'data') },
        microsoft: {
          tenantId,
          clientId,
          authorityHost: emulator.url,
          graphEndpoint: emulator.url,
          caFile: emulator.caPath,
          certificate: { cert: 'cert.pem', key: 'key.pem' },
        },
        people: { file: 'people.csv' },
        source: {
          type: 'mytimetable',
          baseUrl: server.url,
          apiTokenFile: 'mytimetable.token',
          username: options.usernameColumn ? 'column' : 'upn-local-part',
          timeZone: 'Europe/Amsterdam',
          requestsPerSecond: 50,
        },
        mapping: mappingSection,
      }),
    );
    return path;
  };
  return { emulator, server, dir, writeConfig };
}

async function openEngine(setup: Setup, mappingSection: Record<string, unknown>): Promise<Engine> {
  return createEngine(loadConfig({ path: setup.writeConfig(mappingSection), env: {} }));
}

async function inspect<T>(emulator: TestEmulator, upn: string, what: 'events' | 'categories'): Promise<T[]> {
  const response = await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${upn}/${what}`);
  return ((await response.json()) as { value: T[] }).value;
}

const ours = (events: Inspected[]) =>
  events.filter((e) =>
    e.singleValueExtendedProperties?.some((p) => p.id.toLowerCase() === SOURCE_KEY_PROPERTY_ID.toLowerCase()),
  );

describe('MyTimetable into Outlook, with coloured categories', () => {
  let setup: Setup;
  let engine: Engine;

  beforeAll(async () => {
    setup = await setUp();
    // s2 made a category "lecture" of their own (yellow): it must stay theirs, colour and all.
    const response = await setup.emulator.fetch(
      `${setup.emulator.url}/v1.0/users/${people.s2.upn}/outlook/masterCategories`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${await setup.emulator.appToken()}`, 'content-type': 'application/json' },
        body: JSON.stringify({ displayName: 'lecture', color: 'preset3' }),
      },
    );
    expect(response.status).toBe(201);
    engine = await openEngine(setup, mapping);
  });
  afterAll(async () => {
    await engine?.close();
    await setup?.server.close();
    await setup?.emulator.close();
  });

  it('writes each person’s MyTimetable events through the templates and activity types', async () => {
    // Everyone in the people file.
    const summary = await syncPeople(engine, { kind: 'sync' });
    const byId = new Map(summary.outcomes.map((o) => [o.personId, o]));
    expect(summary.outcomes).toHaveLength(2);
    expect(byId.get('s1')).toMatchObject({ status: 'succeeded', counts: { created: 3 } });
    expect(byId.get('s2')).toMatchObject({ status: 'succeeded', counts: { created: 2 } });
    for (const request of setup.server.requests) expect(request.headers.apitoken).toBe(token);
    expect(new Set(setup.server.requests.map((r) => r.headers.requestedauth))).toEqual(new Set(['s1', 's2']));

    const s1 = ours(await inspect<Inspected>(setup.emulator, people.s1.upn, 'events'));
    const bySubject = new Map(s1.map((e) => [e.subject, e]));
    expect([...bySubject.keys()].sort()).toEqual([
      'INFO101 Exam: Final exam',
      'INFO101 Lecture: Introduction to Programming',
    ]);
    expect(s1).toHaveLength(3);
    expect(bySubject.get('INFO101 Lecture: Introduction to Programming')).toMatchObject({
      categories: ['Lecture'],
      showAs: 'busy',
      reminderMinutesBeforeStart: 15,
      location: { displayName: 'Lecture Hall A' },
    });
    expect(bySubject.get('INFO101 Exam: Final exam')).toMatchObject({
      categories: ['Exams'],
      showAs: 'oof',
      reminderMinutesBeforeStart: 1440,
    });
    const s2 = ours(await inspect<Inspected>(setup.emulator, people.s2.upn, 'events'));
    expect(s2.map((e) => [e.subject, e.categories]).sort()).toEqual([
      ['CHEM2 Practical: CHEM2', ['Practical']],
      ['INFO101 Lecture: Introduction to Programming', ['Lecture']],
    ]);
  });

  it('adds the categories each mailbox lacks, coloured, and leaves the user’s own alone', async () => {
    const colours = async (upn: string) =>
      (await inspect<{ displayName: string; color: string }>(setup.emulator, upn, 'categories'))
        .map((c) => [c.displayName, c.color])
        .sort();
    expect(await colours(people.s1.upn)).toEqual([
      ['Exams', 'preset15'],
      ['Lecture', 'preset7'],
    ]);
    expect(await colours(people.s2.upn)).toEqual([
      ['Practical', 'preset4'],
      ['lecture', 'preset3'],
    ]);
    expect(engine.categories?.warnings).toEqual([]);
  });

  it('sends nothing at all on an unchanged re-run: categories are not asked for again', async () => {
    const requestsBefore = setup.server.requests.length;
    const summary = await syncPeople(engine, { kind: 'sync', personIds: ['s1', 's2'] });
    expect(summary.graph.httpRequests).toBe(0);
    expect(summary.outcomes.every((o) => o.status === 'succeeded' && o.counts.unchanged > 0)).toBe(true);
    expect(setup.server.requests.length - requestsBefore).toBe(2);
  });

  it('re-syncs the affected events as ordinary batched updates when a template changes', async () => {
    await engine.close();
    engine = await openEngine(setup, { ...mapping, subject: '{title} ({courseCode})' });
    const summary = await syncPeople(engine, { kind: 'sync', personIds: ['s1', 's2'] });
    const byId = new Map(summary.outcomes.map((o) => [o.personId, o]));
    expect(byId.get('s1')?.counts).toMatchObject({ created: 0, updated: 3, deleted: 0 });
    expect(byId.get('s2')?.counts).toMatchObject({ created: 0, updated: 2, deleted: 0 });
    // One $batch per person with their updates; after the restart each category list is looked at once more
    // (a GET each; nothing is missing, so nothing is created).
    expect(summary.graph.batchItems).toBe(5);
    expect(summary.graph.httpRequests).toBe(4);
    const s1 = ours(await inspect<Inspected>(setup.emulator, people.s1.upn, 'events'));
    expect(s1.map((e) => e.subject).sort()).toEqual([
      'Final exam (INFO101)',
      'Introduction to Programming (INFO101)',
      'Introduction to Programming (INFO101)',
    ]);
  });
});

describe('MyTimetable into Outlook without MailboxSettings.ReadWrite (usernames from the people file)', () => {
  let setup: Setup;
  let engine: Engine;

  beforeAll(async () => {
    setup = await setUp({
      usernameColumn: true,
      extraSeed: (seed) => {
        const tenant = (seed.tenants as { applications: { applicationPermissions: string[] }[] }[])[0];
        const app = tenant?.applications[0];
        if (app) app.applicationPermissions = ['Calendars.ReadWrite'];
      },
    });
    engine = await openEngine(setup, mapping);
  });
  afterAll(async () => {
    await engine?.close();
    await setup?.server.close();
    await setup?.emulator.close();
  });

  it('writes events with category names, uncoloured, and warns once for the whole run', async () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const summary = await syncPeople(engine, { kind: 'sync' });
    const calls = [...printed.mock.calls];
    printed.mockRestore();
    expect(calls).toEqual([[`warning: ${MISSING_PERMISSION_WARNING}`]]);
    expect(new Set(setup.server.requests.map((r) => r.headers.requestedauth))).toEqual(new Set(['mt-0001', 'mt-0002']));
    expect(summary.outcomes.map((o) => [o.personId, o.status]).sort()).toEqual([
      ['s1', 'succeeded'],
      ['s2', 'succeeded'],
    ]);
    const s1 = ours(await inspect<Inspected>(setup.emulator, people.s1.upn, 'events'));
    expect(s1.map((e) => e.categories).sort()).toEqual([['Exams'], ['Lecture'], ['Lecture']]);
    expect(await inspect(setup.emulator, people.s1.upn, 'categories')).toEqual([]);
    expect(await inspect(setup.emulator, people.s2.upn, 'categories')).toEqual([]);
    expect(engine.categories?.warnings).toEqual([MISSING_PERMISSION_WARNING]);
    expect(MISSING_PERMISSION_WARNING).toContain('MailboxSettings.ReadWrite');
  });
});

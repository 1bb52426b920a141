// The engine end to end with the iCalendar source: a real configuration file (people file + folder of feeds),
// PGlite, msal with the test certificate, the emulator over HTTPS. Two people's feeds become events in their
// calendars; a moved occurrence is an update, a cancelled one a delete; an unchanged feed is not even planned; a
// missing feed changes nothing of that person's.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SOURCE_KEY_PROPERTY_ID } from '../../src/mapping/index.ts';
import { plan } from '../../src/planner/index.ts';
import { updatePersonSettings } from '../../src/store/index.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { syncPeople } from '../../src/sync/sync-people.ts';
import { writeConfigFolder } from '../support/config-file.ts';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { fixtures } from './ics-support.ts';

// Counts the plans made, to see that an unchanged feed is not planned at all.
vi.mock('../../src/planner/index.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/planner/index.ts')>();
  return { ...actual, plan: vi.fn(actual.plan) };
});

interface InspectedEvent {
  subject: string;
  start: { dateTime: string; timeZone: string };
  singleValueExtendedProperties?: { id: string; value: string }[];
}

const now = new Date('2026-10-01T12:00:00Z');
const lecture = '2026!INFO101!LEC!1@mytimetable.uni.example';

describe('engine with the iCalendar source', () => {
  let emulator: TestEmulator;
  let engine: Engine;
  let feeds: string;

  const ours = async (upn: string): Promise<Map<string, InspectedEvent>> => {
    const response = await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events`);
    const events = ((await response.json()) as { value: InspectedEvent[] }).value;
    const byKey = new Map<string, InspectedEvent>();
    for (const event of events) {
      const key = event.singleValueExtendedProperties?.find(
        (p) => p.id.toLowerCase() === SOURCE_KEY_PROPERTY_ID.toLowerCase(),
      )?.value;
      if (key !== undefined) byKey.set(key, event);
    }
    return byKey;
  };
  const sync = () => syncPeople(engine, { kind: 'sync', now });
  const editFeed = (id: string, edit: (text: string) => string) =>
    writeFileSync(join(feeds, `${id}.ics`), edit(readFileSync(join(feeds, `${id}.ics`), 'utf8')));

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const folder = writeConfigFolder(
      emulator,
      { timeZone: 'Europe/Amsterdam', people: [] },
      {
        people: { file: './people.csv' },
        source: { type: 'ics', folder: './feeds', timeZone: 'Europe/Amsterdam' },
      },
    );
    feeds = join(folder.dir, 'feeds');
    mkdirSync(feeds);
    copyFileSync(join(fixtures, 'mytimetable-weekly-amsterdam.ics'), join(feeds, 's1.ics'));
    copyFileSync(join(fixtures, 'celcat-utc.ics'), join(feeds, 's2.ics'));
    writeFileSync(join(folder.dir, 'people.csv'), `id,mailbox\ns1,${people.s1.upn}\ns2,${people.s2.upn}\n`);
    engine = await createEngine(folder.load());
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  it("writes each person's feed into their calendar, cancelled occurrences left out", async () => {
    const summary = await sync();
    const byId = new Map(summary.outcomes.map((o) => [o.personId, o]));
    expect(byId.get('s1')).toMatchObject({ status: 'succeeded', counts: { created: 3 } });
    expect(byId.get('s2')).toMatchObject({ status: 'succeeded', counts: { created: 6 } });
    const s1 = await ours(people.s1.upn);
    expect([...s1.keys()].sort()).toEqual([
      `${lecture}|20261013T070000Z`,
      `${lecture}|20261020T070000Z`,
      `${lecture}|20261027T080000Z`,
    ]);
    expect(s1.get(`${lecture}|20261027T080000Z`)?.subject).toContain('(moved)');
    expect((await ours(people.s2.upn)).size).toBe(6);
  });

  it('does not plan a feed that did not change', async () => {
    vi.mocked(plan).mockClear();
    const summary = await sync();
    expect(summary.graph.httpRequests).toBe(0);
    expect(summary.outcomes.map((o) => [o.personId, o.status, o.counts.unchanged]).sort()).toEqual([
      ['s1', 'succeeded', 3],
      ['s2', 'succeeded', 6],
    ]);
    expect(vi.mocked(plan)).not.toHaveBeenCalled();
  });

  it('moves an occurrence in place (an update under the same key) and removes a cancelled one', async () => {
    editFeed('s1', (text) =>
      text
        .replace('DTSTART;TZID=Europe/Amsterdam:20261029T140000', 'DTSTART;TZID=Europe/Amsterdam:20261030T100000')
        .replace('DTEND;TZID=Europe/Amsterdam:20261029T154500', 'DTEND;TZID=Europe/Amsterdam:20261030T114500')
        .replace(
          'END:VCALENDAR',
          [
            'BEGIN:VEVENT',
            `UID:${lecture}`,
            'SEQUENCE:2',
            'RECURRENCE-ID;TZID=Europe/Amsterdam:20261020T090000',
            'DTSTART;TZID=Europe/Amsterdam:20261020T090000',
            'DTEND;TZID=Europe/Amsterdam:20261020T104500',
            'STATUS:CANCELLED',
            'SUMMARY:INFO101 Introduction to Programming',
            'END:VEVENT',
            'END:VCALENDAR',
          ].join('\r\n'),
        ),
    );
    vi.mocked(plan).mockClear();
    const summary = await sync();
    const s1 = summary.outcomes.find((o) => o.personId === 's1');
    expect(s1).toMatchObject({ status: 'succeeded', counts: { created: 0, updated: 1, deleted: 1 } });
    // s2's feed did not change: only s1 was planned.
    expect(vi.mocked(plan)).toHaveBeenCalledTimes(1);
    const events = await ours(people.s1.upn);
    expect([...events.keys()].sort()).toEqual([`${lecture}|20261013T070000Z`, `${lecture}|20261027T080000Z`]);
    expect(events.get(`${lecture}|20261027T080000Z`)?.start.dateTime).toMatch(/^2026-10-30T(10:00|09:00)/);
  });

  it('plans again after a dry run or a change of the person’s settings, though the feed is unchanged', async () => {
    const syncS1 = () => syncPeople(engine, { kind: 'sync', now, personIds: ['s1'] });
    await syncPeople(engine, { kind: 'dry-run', now, personIds: ['s1'] });
    vi.mocked(plan).mockClear();
    await syncS1();
    expect(vi.mocked(plan)).toHaveBeenCalledTimes(1);
    vi.mocked(plan).mockClear();
    await syncS1();
    expect(vi.mocked(plan)).not.toHaveBeenCalled();
    await updatePersonSettings(engine.store.db, 's1', { reminderMinutes: 30 });
    const summary = await syncS1();
    expect(vi.mocked(plan)).toHaveBeenCalledTimes(1);
    expect(summary.outcomes[0]).toMatchObject({ status: 'succeeded', counts: { updated: 2 } });
  });

  it('changes nothing of a person whose feed is gone, and syncs everyone else', async () => {
    rmSync(join(feeds, 's2.ics'));
    editFeed('s1', (text) =>
      text.replace('SUMMARY:INFO101 Introduction to Programming\r\n', 'SUMMARY:INFO101 Programming 1\r\n'),
    );
    const summary = await sync();
    const byId = new Map(summary.outcomes.map((o) => [o.personId, o]));
    expect(byId.get('s2')).toMatchObject({ status: 'failed', code: 'SOURCE_UNREADABLE' });
    expect(byId.get('s2')?.reason).toContain('s2.ics (no such file); nothing of theirs was changed');
    expect((await ours(people.s2.upn)).size).toBe(6);
    expect(byId.get('s1')).toMatchObject({ status: 'succeeded', counts: { updated: 1 } });
  });
});

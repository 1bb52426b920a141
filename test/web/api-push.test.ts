// The push API in process (fastify inject) against the emulator: API keys from the CLI function, 401s, a PUT that
// reaches the person's mailbox, validation errors naming fields, one person's PUT leaving another's alone, and
// events:changed for two people.
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyCommand } from '../../src/cli/commands/api-key.ts';
import { getPushedTimetable } from '../../src/store/pushed-timetable.repository.ts';
import { inspectMailbox, markerKey } from '../support/calendar-check.ts';
import { people } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

const zone = 'Europe/Amsterdam';

describe('push API', () => {
  let harness: ApiHarness;

  const ours = async (upn: string) =>
    (await inspectMailbox(harness.emulator, upn)).filter((event) => markerKey(event) !== undefined);
  const call = (method: 'PUT' | 'POST', url: string, payload: unknown, key: string | null = harness.key) =>
    harness.app.inject({
      method,
      url,
      payload: payload as Record<string, unknown>,
      headers: key === null ? {} : { authorization: `Bearer ${key}` },
    });

  beforeAll(async () => {
    harness = await startApiHarness();
  });
  afterAll(() => harness?.close());

  it('creates, lists and revokes keys through the command, printing the key once on the last line', async () => {
    const lines: string[] = [];
    const db = harness.engine.store.db;
    expect(await apiKeyCommand(db, ['create', 'sis-prod'], (line) => lines.push(line))).toBe(0);
    const key = lines.at(-1) ?? '';
    expect(key).toMatch(/^tts_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const listed: string[] = [];
    await apiKeyCommand(db, ['list'], (line) => listed.push(line));
    expect(listed.join('\n')).toContain('sis-prod');
    expect(listed.join('\n')).not.toContain(key);
    const body = { id: 's1', mailbox: people.s1.upn, timeZone: zone, events: [] };
    // A valid key may push (an empty timetable is a real answer).
    expect((await call('PUT', '/api/v1/people/s1/timetable', body, key)).statusCode).toBe(202);
    expect(await apiKeyCommand(db, ['revoke', 'sis-prod'], () => {})).toBe(0);
    const refused = await call('PUT', '/api/v1/people/s1/timetable', body, key);
    expect(refused.statusCode).toBe(401);
    const after: string[] = [];
    await apiKeyCommand(db, ['list'], (line) => after.push(line));
    expect(after.join('\n')).toMatch(/sis-prod .*last used .*revoked/);
    expect(await apiKeyCommand(db, ['create', 'sis-prod'], () => {})).toBe(1);
  });

  it('answers 401 with a JSON error without a key, with a wrong one, or a made-up one', async () => {
    const body = { id: 's1', mailbox: people.s1.upn, events: [] };
    for (const key of [null, 'nonsense', `${harness.key.slice(0, -4)}AAAA`, `tts_000000000000_${'A'.repeat(43)}`]) {
      const response = await call('PUT', '/api/v1/people/s1/timetable', body, key);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toContain('Bearer');
      expect(response.json()).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
  });

  it("PUT stores a person's timetable and their events reach their mailbox", async () => {
    const response = await call('PUT', '/api/v1/people/s1/timetable', {
      id: 's1',
      mailbox: people.s1.upn,
      timeZone: zone,
      events: lectures('s1-lec', 4),
    });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ personId: 's1', events: 4, queued: true });
    // Queued as a push, so the job log and the admin pages say why it ran.
    expect(harness.jobs.at(-1)).toEqual({ personId: 's1', kind: 'sync', reason: 'push' });
    expect((await ours(people.s1.upn)).map(markerKey).sort()).toEqual(['s1-lec-0', 's1-lec-1', 's1-lec-2', 's1-lec-3']);
  });

  it('refuses invalid bodies with 400 naming the field, and writes nothing', async () => {
    const broken = lectures('s1-bad', 4);
    broken[3] = { ...broken[3], end: `${String(broken[3]?.start).slice(0, 10)}T08:00` };
    const bad = await call('PUT', '/api/v1/people/s1/timetable', {
      id: 's1',
      mailbox: people.s1.upn,
      timeZone: zone,
      events: broken,
    });
    expect(bad.statusCode).toBe(400);
    const error = bad.json().error;
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.problems[0].path).toBe('people/s1/events[3].end');
    expect(error.problems[0].message).toMatch(/before start/);
    const unknownField = await call('PUT', '/api/v1/people/s1/timetable', {
      id: 's1',
      mailbox: people.s1.upn,
      colour: 'red',
      events: [],
    });
    expect(unknownField.json().error.problems).toEqual([{ path: 'people/s1/colour', message: 'unknown key' }]);
    const otherId = await call('PUT', '/api/v1/people/s1/timetable', { id: 's2', mailbox: people.s1.upn, events: [] });
    expect(otherId.json().error.problems[0].path).toBe('people/s1/id');
    const notJson = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/people/s1/timetable',
      payload: '{"id":',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().error).toBeDefined();
    const huge = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/people/s1/timetable',
      payload: JSON.stringify({ id: 's1', mailbox: people.s1.upn, events: [], pad: 'x'.repeat(6 * 1024 * 1024) }),
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    const stored = await getPushedTimetable(harness.engine.store.db, 's1');
    expect(stored?.events.map((event) => event.id)).toEqual(['s1-lec-0', 's1-lec-1', 's1-lec-2', 's1-lec-3']);
  });

  it("a PUT for one person leaves another's timetable and calendar alone", async () => {
    await call('PUT', '/api/v1/people/s2/timetable', {
      id: 's2',
      mailbox: people.s2.upn,
      timeZone: zone,
      events: lectures('s2-lec', 5),
    });
    const s2Before = await ours(people.s2.upn);
    expect(s2Before).toHaveLength(5);
    await call('PUT', '/api/v1/people/s1/timetable', {
      id: 's1',
      mailbox: people.s1.upn,
      timeZone: zone,
      events: lectures('s1-lec', 2),
    });
    expect((await ours(people.s1.upn)).map(markerKey).sort()).toEqual(['s1-lec-0', 's1-lec-1']);
    expect((await ours(people.s2.upn)).map((event) => event.changeKey).sort()).toEqual(
      s2Before.map((event) => event.changeKey).sort(),
    );
    const taken = await call('PUT', '/api/v1/people/s3/timetable', { id: 's3', mailbox: people.s2.upn, events: [] });
    expect(taken.statusCode).toBe(409);
  });

  it('events:changed upserts, cancels and removes events of two people in one call', async () => {
    const [first] = lectures('s1-lec', 1);
    const response = await call('POST', '/api/v1/events:changed', {
      timeZone: zone,
      changes: [
        { personId: 's1', events: [{ ...first, title: 'Moved lecture' }, ...lectures('s1-new', 1)] },
        {
          personId: 's2',
          events: [{ ...lectures('s2-lec', 1)[0], status: 'cancelled' }],
          removedEventIds: ['s2-lec-2'],
        },
      ],
    });
    expect(response.statusCode).toBe(202);
    expect(response.json().people).toEqual([
      { personId: 's1', upserted: 2, removed: 0, events: 3 },
      { personId: 's2', upserted: 1, removed: 1, events: 4 },
    ]);
    expect(harness.jobs.slice(-2)).toEqual([
      { personId: 's1', kind: 'sync', reason: 'push' },
      { personId: 's2', kind: 'sync', reason: 'push' },
    ]);
    const s1 = await ours(people.s1.upn);
    expect(s1.map(markerKey).sort()).toEqual(['s1-lec-0', 's1-lec-1', 's1-new-0']);
    expect(s1.find((event) => markerKey(event) === 's1-lec-0')?.subject).toContain('Moved lecture');
    // Cancelled and removed events leave the calendar (2 of 5: under the held-plan threshold).
    expect((await ours(people.s2.upn)).map(markerKey).sort()).toEqual(['s2-lec-1', 's2-lec-3', 's2-lec-4']);

    const unknown = await call('POST', '/api/v1/events:changed', {
      changes: [
        { personId: 's1', events: [] },
        { personId: 'nobody', events: [] },
      ],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.problems[0].path).toBe('changes[1].personId');
    const badEvent = await call('POST', '/api/v1/events:changed', {
      changes: [{ personId: 's2', events: [{ id: 'x', start: 'tomorrow' }] }],
    });
    expect(badEvent.json().error.problems[0].path).toMatch(/^people\/s2\/events\[0\]/);
  });

  it('serves the iCal feed, which parses back, and rotating the secret makes the old address 404', async () => {
    const { feedSecret } = await import('../../src/web/feed-secret.ts');
    const db = harness.engine.store.db;
    const cipher = (await import('../../src/auth/delegated-token-cipher.ts')).TokenCipher;
    const secrets = new cipher(Buffer.alloc(32, 7));
    const secret = await feedSecret(db, secrets, 's1');
    const feed = await harness.app.inject({ method: 'GET', url: `/ical/${secret}.ics` });
    expect(feed.statusCode).toBe(200);
    expect(feed.headers['content-type']).toContain('text/calendar');
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
    expect(events.map((event) => event.uid).sort()).toEqual(['s1-lec-0', 's1-lec-1', 's1-new-0']);
    const moved = events.find((event) => event.uid === 's1-lec-0');
    expect(moved?.summary).toContain('Moved lecture');
    expect(moved?.location).toBe('Lecture Hall A');
    const start = String(lectures('s1-lec', 1)[0]?.start);
    expect(moved?.startDate.zone?.tzid).toBe('UTC');
    expect(moved?.startDate.toJSDate().toISOString()).toBe(DateTime.fromISO(start, { zone }).toUTC().toISO());
    expect(moved?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const etag = String(feed.headers.etag);
    const again = await harness.app.inject({
      method: 'GET',
      url: `/ical/${secret}.ics`,
      headers: { 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    const rotated = await feedSecret(db, secrets, 's1', { rotate: true });
    expect((await harness.app.inject({ method: 'GET', url: `/ical/${secret}.ics` })).statusCode).toBe(404);
    expect((await harness.app.inject({ method: 'GET', url: `/ical/${rotated}.ics` })).statusCode).toBe(200);
    expect((await harness.app.inject({ method: 'GET', url: '/ical/not-a-secret.ics' })).statusCode).toBe(404);
  });
});

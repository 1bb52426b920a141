// The MyTimetable adapter against a local server that answers like MyTimetable's API: headers, paging, the
// mapping of every field, username rules, type filters, and every way a read can fail (never an empty timetable).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { syncWindow } from '../../src/model/sync-window.ts';
import { createMyTimetableSource, type MyTimetableOptions } from '../../src/source/mytimetable/mytimetable-source.ts';
import type { Clock } from '../../src/source/mytimetable/rate-limiter.ts';
import { SourceError } from '../../src/source/source-error.ts';
import { type FakeMyTimetable, myTimetableEvent, startFakeMyTimetable } from './mytimetable-server.ts';

const token = 'elevated-token-3f9a';
const window = syncWindow(new Date('2026-12-01T12:00:00Z'), 14, 180);
const windowStartMs = Date.parse(window.startUtc);
const s1 = { id: 's1', mailbox: 'jdoe@uni.example' };

/** Sleeps return at once and move time on, so retries and the rate limiter cost nothing and can be inspected. */
function fakeClock(): Clock & { sleeps: number[] } {
  let time = 0;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      time += ms;
    },
  };
}

let server: FakeMyTimetable;

beforeAll(async () => {
  server = await startFakeMyTimetable({ token });
});
afterAll(async () => {
  await server.close();
});
afterEach(() => {
  server.requests.length = 0;
  server.faults.length = 0;
  server.users.clear();
});

function source(overrides: Partial<MyTimetableOptions> = {}) {
  return createMyTimetableSource({
    baseUrl: server.url,
    apiToken: { kind: 'value', value: token },
    username: { mode: 'upn-local-part', prefix: '', suffix: '' },
    types: [],
    pageSize: 500,
    requestsPerSecond: 1000,
    timeoutMs: 5_000,
    language: null,
    timeZone: 'Europe/Amsterdam',
    clock: fakeClock(),
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}

async function eventsOf(promise: ReturnType<ReturnType<typeof source>['read']>) {
  const result = await promise;
  if (result.kind !== 'timetable') throw new Error(`expected a timetable, got ${result.kind}`);
  return result.events;
}

describe('MyTimetable source: reading', () => {
  it('asks for the window with the elevated token on behalf of the user, and maps every field', async () => {
    server.users.set('jdoe', [
      myTimetableEvent('2026!0660!LEC-20261202', '2026-12-02T08:00:00Z', 105, {
        staffMembers: [
          { id: 'st1', name: 'Dr. A. Turing', key: 'st1' },
          { id: 'st2', name: null, key: 'st2' },
        ],
        locations: [
          { id: 'l1', name: 'Lecture Hall A', key: 'l1', capacity: 300, url: 'https://rooms.uni.example/a' },
          { id: 'l2', name: 'Room 2', key: 'l2', capacity: null, url: 'javascript:alert(1)', sipAddress: null },
        ],
        studentSets: ['INFO-1A', { name: 'INFO-1B' }, null],
        notes: 'Bring a laptop',
        notes2: ' ',
        notes3: 'Chapter 3',
        conferenceUrl: 'https://meet.uni.example/abc',
      }),
    ]);
    const events = await eventsOf(source({ language: 'nl' }).read(s1, window));
    expect(events).toEqual([
      {
        id: '2026!0660!LEC-20261202',
        when: { allDay: false, start: '2026-12-02T09:00:00', end: '2026-12-02T10:45:00', timeZone: 'Europe/Amsterdam' },
        title: 'Introduction to Programming',
        courseCode: 'INFO101',
        activityType: 'Lecture',
        activityTypeColor: '#1f77b4',
        locations: [
          { name: 'Lecture Hall A', url: 'https://rooms.uni.example/a' },
          { name: 'Room 2', url: null },
        ],
        staff: ['Dr. A. Turing'],
        groups: ['INFO-1A', 'INFO-1B'],
        notes: 'Bring a laptop\n\nChapter 3',
        onlineMeetingUrl: 'https://meet.uni.example/abc',
        status: 'confirmed',
      },
    ]);
    const [request] = server.requests;
    expect(request?.path).toBe('/api/v0/timetable');
    expect(request?.headers.apitoken).toBe(token);
    expect(request?.headers.requestedauth).toBe('jdoe');
    expect(request?.headers['accept-language']).toBe('nl');
    expect(request?.query.get('startDate')).toBe(String(windowStartMs));
    expect(request?.query.get('limit')).toBe('500');
    expect(request?.query.getAll('type')).toEqual([]);
  });

  it('takes events whose optional fields are all null', async () => {
    const bare = {
      id: 'bare-1',
      startDate: Date.parse('2026-12-03T13:00:00Z'),
      endDate: Date.parse('2026-12-03T14:00:00Z'),
      allDay: null,
      moduleCode: null,
      activityDescription: null,
      staffMembers: null,
      locations: null,
      studentSets: null,
      activityTypeName: null,
      activityTypeDescription: null,
      activityTypeColor: null,
      notes: null,
      notes2: null,
      notes3: null,
      highlighted: null,
      conferenceUrl: null,
      tags: null,
      department: null,
    };
    const moduleOnly = { ...bare, id: 'bare-2', moduleCode: 'MATH2', activityTypeDescription: 'Werkcollege' };
    const odd = { ...bare, id: 'bare-3', activityTypeColor: 'blue', conferenceUrl: 'ftp://x.example/' };
    server.users.set('jdoe', [bare, moduleOnly, odd]);
    const events = await eventsOf(source().read(s1, window));
    expect(events[0]).toMatchObject({
      title: '',
      courseCode: null,
      activityType: null,
      activityTypeColor: null,
      locations: [],
      staff: [],
      groups: [],
      notes: null,
      onlineMeetingUrl: null,
    });
    expect(events[1]).toMatchObject({ title: 'MATH2', courseCode: 'MATH2', activityType: 'Werkcollege' });
    expect(events[2]).toMatchObject({ activityTypeColor: null, onlineMeetingUrl: null });
  });

  it('turns all-day events into days of the institution’s zone, and keeps times across DST right', async () => {
    server.users.set('jdoe', [
      // Midnight to midnight in Amsterdam (23:00 UTC the day before), two days.
      myTimetableEvent('exam-week', '2026-12-13T23:00:00Z', 2 * 24 * 60, { allDay: true }),
      // A one-day event whose end MyTimetable gives as 23:59.
      myTimetableEvent('open-day', '2027-03-02T23:00:00Z', 24 * 60 - 1, { allDay: true }),
      // Summer time: 09:00 in Amsterdam is 07:00 UTC.
      myTimetableEvent('summer', '2027-04-06T07:00:00Z', 60),
      // 02:30 CEST, an hour the change to winter time repeats: kept in UTC rather than written an hour off.
      myTimetableEvent('night', '2026-10-25T00:30:00Z', 30),
    ]);
    const window2026 = syncWindow(new Date('2026-10-20T12:00:00Z'), 14, 365);
    const events = await eventsOf(source().read(s1, window2026));
    expect(events.map((e) => e.when)).toEqual([
      { allDay: false, start: '2026-10-25T00:30:00', end: '2026-10-25T01:00:00', timeZone: 'UTC' },
      { allDay: true, startDate: '2026-12-14', endDate: '2026-12-16', timeZone: 'Europe/Amsterdam' },
      { allDay: true, startDate: '2027-03-03', endDate: '2027-03-04', timeZone: 'Europe/Amsterdam' },
      { allDay: false, start: '2027-04-06T09:00:00', end: '2027-04-06T10:00:00', timeZone: 'Europe/Amsterdam' },
    ]);
  });

  it('pages from the last start of a full page, drops the repeated boundary events, and stops past the window', async () => {
    const day = (n: number) => `2026-12-${String(n).padStart(2, '0')}T09:00:00Z`;
    server.users.set('jdoe', [
      myTimetableEvent('e1', day(2), 60),
      myTimetableEvent('e2', day(3), 60),
      // e3 and e4 share a start: the next page begins with both again.
      myTimetableEvent('e3', day(4), 60),
      myTimetableEvent('e4', day(4), 90),
      myTimetableEvent('e5', day(5), 60),
      myTimetableEvent('e6', day(6), 60),
      myTimetableEvent('e7', day(7), 60),
      // Beyond the window's end (2027-05-30): never asked for.
      myTimetableEvent('late-1', '2027-06-01T09:00:00Z', 60),
      myTimetableEvent('late-2', '2027-06-02T09:00:00Z', 60),
      myTimetableEvent('late-3', '2027-06-03T09:00:00Z', 60),
      myTimetableEvent('late-4', '2027-06-04T09:00:00Z', 60),
      myTimetableEvent('late-5', '2027-06-05T09:00:00Z', 60),
    ]);
    const events = await eventsOf(source({ pageSize: 3 }).read(s1, window));
    expect(events.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7']);
    expect(server.requests.map((r) => new Date(Number(r.query.get('startDate'))).toISOString())).toEqual([
      window.startUtc,
      '2026-12-04T09:00:00.000Z',
      '2026-12-05T09:00:00.000Z',
      '2026-12-07T09:00:00.000Z',
    ]);
    expect(server.requests.every((r) => r.query.get('limit') === '3')).toBe(true);
  });

  it('fails instead of looping when a full page makes no progress', async () => {
    server.users.set(
      'jdoe',
      ['a', 'b', 'c', 'd'].map((id) => myTimetableEvent(id, '2026-12-02T09:00:00Z', 60)),
    );
    const error = await failure(source({ pageSize: 3 }).read(s1, window));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toMatch(/paging makes no progress.*raise source\.pageSize/);
    expect(server.requests.length).toBeLessThanOrEqual(2);
  });

  it('asks for the configured timetable types only', async () => {
    server.users.set('jdoe', [
      myTimetableEvent('personal', '2026-12-02T09:00:00Z', 60, { timetableType: 'student' }),
      myTimetableEvent('course', '2026-12-03T09:00:00Z', 60, { timetableType: 'module' }),
      myTimetableEvent('room', '2026-12-04T09:00:00Z', 60, { timetableType: 'location' }),
    ]);
    const events = await eventsOf(source({ types: ['student', 'module'] }).read(s1, window));
    expect(events.map((e) => e.id)).toEqual(['personal', 'course']);
    expect(server.requests[0]?.query.getAll('type')).toEqual(['student', 'module']);
  });
});

describe('MyTimetable source: usernames', () => {
  it.each([
    [{ mode: 'upn-local-part', prefix: '', suffix: '' }, s1, 'jdoe'],
    [{ mode: 'upn', prefix: '', suffix: '' }, s1, 'jdoe@uni.example'],
    [{ mode: 'upn-local-part', prefix: 'UNI\\', suffix: '' }, s1, 'UNI\\jdoe'],
    [{ mode: 'upn-local-part', prefix: '', suffix: '@ad.uni.example' }, s1, 'jdoe@ad.uni.example'],
    [{ mode: 'column', prefix: '', suffix: '' }, { ...s1, username: 'u1234567' }, 'u1234567'],
  ] as const)('sends requestedAuth per rule %o', async (rule, person, expected) => {
    server.users.set(expected, [myTimetableEvent('e1', '2026-12-02T09:00:00Z', 60)]);
    const events = await eventsOf(source({ username: rule }).read(person, window));
    expect(events).toHaveLength(1);
    expect(server.requests[0]?.headers.requestedauth).toBe(expected);
  });

  it('looks up the username of a person given without it (picked from the store by id) in the people list', async () => {
    server.users.set('u7654321', [myTimetableEvent('e1', '2026-12-02T09:00:00Z', 60)]);
    const column = source({
      username: { mode: 'column', prefix: '', suffix: '' },
      findUsername: async (id) => (id === 's1' ? 'u7654321' : undefined),
    });
    expect(await eventsOf(column.read(s1, window))).toHaveLength(1);
    expect(server.requests[0]?.headers.requestedauth).toBe('u7654321');
    const missing = await failure(column.read({ id: 's9', mailbox: 's9@uni.example' }, window));
    expect(missing.message).toContain('person s9 has no username in the people list');
  });

  it('fails a person without a usable username before asking MyTimetable', async () => {
    const column = source({ username: { mode: 'column', prefix: '', suffix: '' } });
    const missing = await failure(column.read(s1, window));
    expect(missing.message).toContain('person s1 has no username in the people list');
    const byId = await failure(source().read({ id: 's2', mailbox: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b' }, window));
    expect(byId.message).toContain('is not a user principal name');
    expect(server.requests).toHaveLength(0);
  });
});

describe('MyTimetable source: failures are that person’s error, never an empty timetable', () => {
  it('says a refused token is wrong or not elevated, without showing it', async () => {
    const wrong = source({ apiToken: { kind: 'value', value: 'not-the-token' } });
    const error = await failure(wrong.read(s1, window));
    expect(error).toMatchObject({ code: 'SOURCE_UNREADABLE', personId: 's1' });
    expect(error.message).toMatch(/401.*wrong or expired.*not an elevated token/);
    expect(error.message).not.toContain('not-the-token');

    server.faults.push({ status: 401, body: `{"error":"token ${token} is revoked"}` });
    const echoed = await failure(source().read(s1, window));
    expect(echoed.message).not.toContain(token);
  });

  it('says a token that may not impersonate is not elevated (403)', async () => {
    const limited = await startFakeMyTimetable({ token, elevated: false, users: { jdoe: [] } });
    try {
      const error = await failure(source({ baseUrl: limited.url }).read(s1, window));
      expect(error.message).toMatch(/403 Forbidden.*not elevated/);
    } finally {
      await limited.close();
    }
  });

  it('reports a user MyTimetable does not know as not in the source, and a known empty user as an empty timetable', async () => {
    server.users.set('empty', []);
    expect(await source().read({ id: 'gone', mailbox: 'gone@uni.example' }, window)).toEqual({
      kind: 'unknown-person',
      personId: 'gone',
    });
    const empty = await source().read({ id: 'e', mailbox: 'empty@uni.example' }, window);
    expect(empty).toMatchObject({ kind: 'timetable', events: [] });
  });

  it('tells a wrong base URL apart from an unknown user', async () => {
    const error = await failure(source({ baseUrl: `${server.url}/wrong` }).read(s1, window));
    expect(error.message).toMatch(/404 Not Found.*check source\.baseUrl/);
    // The user's name inside another word is not the user.
    server.faults.push({ status: 404, body: '{"error":"no route /jdoes/timetable"}' });
    expect((await failure(source().read(s1, window))).message).toContain('check source.baseUrl');
    server.faults.push({ status: 400, body: '{"error":"Unknown user UNI\\\\jdoe"}' });
    const prefixed = source({ username: { mode: 'upn-local-part', prefix: 'UNI\\', suffix: '' } });
    expect(await prefixed.read(s1, window)).toEqual({ kind: 'unknown-person', personId: 's1' });
  });

  it('retries server errors a bounded number of times, then fails', async () => {
    server.users.set('jdoe', [myTimetableEvent('e1', '2026-12-02T09:00:00Z', 60)]);
    const clock = fakeClock();
    server.faults.push(...Array.from({ length: 3 }, () => ({ status: 500, body: 'Internal Server Error' })));
    const error = await failure(source({ clock }).read(s1, window));
    expect(error).toMatchObject({ code: 'SOURCE_UNREADABLE', personId: 's1' });
    expect(error.message).toContain('MyTimetable failed (500): Internal Server Error');
    expect(server.requests).toHaveLength(3);

    server.faults.push({ status: 503, body: 'busy', headers: { 'retry-after': '7' } });
    expect(await eventsOf(source({ clock }).read(s1, window))).toHaveLength(1);
    expect(clock.sleeps.at(-1)).toBe(7000);
  });

  it('fails on an answer that is not a JSON list of events', async () => {
    for (const [body, expected] of [
      ['[{"id": "e1", "startDate": 17', /not JSON/],
      ['', /not JSON: an empty body/],
      ['{"events": []}', /an object where a JSON list of events was expected/],
      ['null', /null where a JSON list/],
    ] as const) {
      server.faults.push({ status: 200, body });
      const error = await failure(source().read(s1, window));
      expect(error.code).toBe('SOURCE_MALFORMED');
      expect(error.message).toMatch(expected);
    }
  });

  it('names the event index and field of events it cannot use', async () => {
    const good = myTimetableEvent('good', '2026-12-02T09:00:00Z', 60);
    server.faults.push({
      status: 200,
      body: JSON.stringify([
        good,
        { ...good, id: 'e2', startDate: '2026-12-02T09:00:00Z' },
        { ...good, id: undefined },
        { ...good, id: 'e4', endDate: good.startDate - 1 },
        { ...good, id: 'e5', staffMembers: 'Dr. A. Turing' },
      ]),
    });
    const error = await failure(source().read(s1, window));
    expect(error.code).toBe('SOURCE_INVALID_EVENTS');
    expect(error.problems.map((p) => [p.path, p.eventId])).toEqual([
      ['[1].startDate', 'e2'],
      ['[2].id', null],
      ['[3].endDate', 'e4'],
      ['[4].staffMembers', 'e5'],
    ]);
    expect(error.message).toContain('[1].startDate (person s1, event e2): must be a number (got string');
    expect(error.message).toContain('[2].id (person s1): is required');
  });

  it('gives up on a server that does not answer within the timeout', async () => {
    server.faults.push('hang', 'hang');
    const error = await failure(source({ timeoutMs: 200, maxAttempts: 2 }).read(s1, window));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toContain('no answer within 0.2 s');
  });

  it('fails when MyTimetable cannot be reached', async () => {
    const closed = await startFakeMyTimetable({ token });
    await closed.close();
    const error = await failure(source({ baseUrl: closed.url, maxAttempts: 1 }).read(s1, window));
    expect(error.message).toMatch(/cannot reach MyTimetable \(ECONNREFUSED\)/);
  });
});

describe('MyTimetable source: request rate', () => {
  it('keeps every person’s requests together under the configured rate', async () => {
    for (const user of ['a', 'b', 'c']) {
      server.users.set(
        user,
        Array.from({ length: 4 }, (_, i) => myTimetableEvent(`${user}${i}`, `2026-12-0${i + 2}T09:00:00Z`, 60)),
      );
    }
    const clock = fakeClock();
    const shared = source({ clock, requestsPerSecond: 2, pageSize: 2 });
    const people = ['a', 'b', 'c'].map((user) => ({ id: user, mailbox: `${user}@uni.example` }));
    const results = await Promise.all(people.map((person) => shared.read(person, window)));
    expect(results.every((r) => r.kind === 'timetable' && r.events.length === 4)).toBe(true);
    // Four pages each (each full page repeats its last event): 12 requests, 2 at once, then one every 500 ms,
    // whoever asks; in the clock's (virtual) time the last one went 5 s after the first.
    expect(server.requests).toHaveLength(12);
    expect(clock.sleeps.length).toBeGreaterThanOrEqual(10);
    expect(clock.now()).toBe(5000);
  });
});

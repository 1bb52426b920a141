// The iCalendar source: how fast a large feed is parsed, expanded and mapped (events per second), and what an
// unchanged feed costs (one conditional request answered 304, no parsing, no plan, no Graph request). Run with
// `npx node bench/ics-source.ts [--events 5000] [--rounds 5] [--people 200] [--engine-people 20] [--no-engine]`.
//
// 1. Throughput: three synthetic one-year feeds of `--events` occurrences each, written the way real exporters
//    write them: single events in Europe/Amsterdam with a VTIMEZONE (Syllabus Plus, MyTimetable), single events in
//    UTC (CELCAT, TimeEdit), and weekly series of 30 weeks with an EXDATE and a moved occurrence each (Exchange).
//    Parse (ical.js + the line scan), expand (recurrence, zones, canonical fields) and map (the Graph payload the
//    planner compares) are timed apart; the median of `--rounds` runs is shown.
// 2. Unchanged feeds: `--people` feeds of a student's year (600 events) served by a local HTTP server with ETags,
//    read once in full and then again (every answer a 304).
// 3. With the engine (`--engine-people`, against the emulator in this process): a first sync, then a sync with
//    every feed unchanged: its feed requests, Graph requests, plans made and time per person.
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { desiredEvents } from '../src/mapping/index.ts';
import { syncWindow } from '../src/model/sync-window.ts';
import { feedEvents } from '../src/source/ics/feed-events.ts';
import { createIcsSource } from '../src/source/ics/ics-source.ts';
import { parseFeed } from '../src/source/ics/parse-feed.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '5' },
    people: { type: 'string', default: '200' },
    'engine-people': { type: 'string', default: '20' },
    'no-engine': { type: 'boolean', default: false },
  },
});
const eventCount = Number(values.events);
const rounds = Number(values.rounds);
const peopleCount = Number(values.people);

const window = syncWindow(new Date('2026-09-01T00:00:00Z'), 0, 365);
const zone = 'Europe/Amsterdam';

const vtimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Amsterdam',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

const compact = (date: Date) => date.toISOString().slice(0, 19).replace(/[-:]/g, '');
const slots = ['0845', '0945', '1045', '1145', '1330', '1430', '1530', '1630'];
const weekdays = 255;

/** The n-th teaching slot of the year (weekdays from 1 September, eight a day); a full timetable fills each many times. */
function slot(n: number): { day: Date; hhmm: string; end: string } {
  const index = n % (weekdays * slots.length);
  const weekday = Math.floor(index / slots.length);
  const day = new Date(Date.UTC(2026, 8, 1 + Math.floor(weekday / 5) * 7 + (weekday % 5)));
  const hhmm = slots[index % slots.length] as string;
  return { day, hhmm, end: `${String(Number(hhmm.slice(0, 2)) + 1).padStart(2, '0')}${hhmm.slice(2)}` };
}

function details(n: number): string[] {
  const course = `INFO${100 + (n % 40)}`;
  return [
    `SUMMARY:${course} ${['Lecture', 'Tutorial', 'Practical'][n % 3]}`,
    `LOCATION:Building ${n % 7}\\, Room ${n % 31}.0${n % 9}`,
    `DESCRIPTION:Course ${course}\\nGroups: ${course}-1A\\, ${course}-1B\\nBring your laptop and the reader. See the course page for the slides and the exercises of this week.`,
    `CATEGORIES:${['Lecture', 'Tutorial', 'Practical'][n % 3]}`,
    `ORGANIZER;CN=Dr. Staff ${n % 25}:mailto:staff${n % 25}@uni.example`,
  ];
}

function calendar(events: string[][]): string {
  return [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//EN',
    ...vtimezone,
    ...events.flat(),
    'END:VCALENDAR',
    '',
  ].join('\r\n');
}

function zonedSingles(count: number): string {
  return calendar(
    Array.from({ length: count }, (_, n) => {
      const { day, hhmm, end } = slot(n);
      const date = compact(day).slice(0, 8);
      return [
        'BEGIN:VEVENT',
        `UID:single-${n}@bench`,
        'DTSTAMP:20260801T000000Z',
        `DTSTART;TZID=Europe/Amsterdam:${date}T${hhmm}00`,
        `DTEND;TZID=Europe/Amsterdam:${date}T${end}00`,
        ...details(n),
        'END:VEVENT',
      ];
    }),
  );
}

function utcSingles(count: number): string {
  return calendar(
    Array.from({ length: count }, (_, n) => {
      const { day, hhmm } = slot(n);
      const start = new Date(
        day.getTime() + (Number(hhmm.slice(0, 2)) - 1) * 3_600_000 + Number(hhmm.slice(2)) * 60_000,
      );
      return [
        'BEGIN:VEVENT',
        `UID:utc-${n}@bench`,
        'DTSTAMP:20260801T000000Z',
        `DTSTART:${compact(start)}Z`,
        `DTEND:${compact(new Date(start.getTime() + 6_300_000))}Z`,
        ...details(n),
        'END:VEVENT',
      ];
    }),
  );
}

/** Weekly series of 30 weeks, each with one EXDATE and one moved occurrence: 29 occurrences per series. */
function weeklySeries(count: number): string {
  const series = Math.ceil(count / 29);
  return calendar(
    Array.from({ length: series }, (_, n) => {
      const { day, hhmm, end } = slot(n % 80);
      const date = compact(day).slice(0, 8);
      const excluded = compact(new Date(day.getTime() + 3 * 7 * 86_400_000)).slice(0, 8);
      const moved = compact(new Date(day.getTime() + 5 * 7 * 86_400_000)).slice(0, 8);
      const movedTo = compact(new Date(day.getTime() + (5 * 7 + 1) * 86_400_000)).slice(0, 8);
      const uid = `series-${n}@bench`;
      return [
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20260801T000000Z',
        `DTSTART;TZID=W. Europe Standard Time:${date}T${hhmm}00`,
        `DTEND;TZID=W. Europe Standard Time:${date}T${end}00`,
        'RRULE:FREQ=WEEKLY;COUNT=30',
        `EXDATE;TZID=W. Europe Standard Time:${excluded}T${hhmm}00`,
        ...details(n),
        'END:VEVENT',
        'BEGIN:VEVENT',
        `UID:${uid}`,
        'DTSTAMP:20260801T000000Z',
        'SEQUENCE:1',
        `RECURRENCE-ID;TZID=W. Europe Standard Time:${moved}T${hhmm}00`,
        `DTSTART;TZID=W. Europe Standard Time:${movedTo}T${hhmm}00`,
        `DTEND;TZID=W. Europe Standard Time:${movedTo}T${end}00`,
        ...details(n),
        'END:VEVENT',
      ];
    }),
  );
}

function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** CPU milliseconds (user + system) since `since`: steadier than wall time on a shared machine. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

function throughput(): void {
  console.log(`## Parse, expand and map (${fmt(eventCount)} occurrences per feed, CPU time, median of ${rounds})\n`);
  console.log(
    '| feed | size | parse | expand | map (Graph payload) | events per CPU-second (parse + expand) | (all three) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  const shapes: [string, string][] = [
    ['single events, Europe/Amsterdam + VTIMEZONE', zonedSingles(eventCount)],
    ['single events, UTC', utcSingles(eventCount)],
    ['weekly series (RRULE, EXDATE, moved occurrence), Windows zone', weeklySeries(eventCount)],
  ];
  for (const [name, text] of shapes) {
    const parse: number[] = [];
    const expand: number[] = [];
    const map: number[] = [];
    let produced = 0;
    for (let round = 0; round < rounds + 1; round++) {
      let since = process.cpuUsage();
      const parsed = parseFeed(text);
      const parseMs = cpuMs(since);
      since = process.cpuUsage();
      const result = feedEvents(parsed, { defaultZone: zone, window });
      const expandMs = cpuMs(since);
      since = process.cpuUsage();
      desiredEvents(result.events, { reminderMinutes: 15 });
      const mapMs = cpuMs(since);
      if (result.problems.length > 0) throw new Error(`bench feed has problems: ${JSON.stringify(result.problems[0])}`);
      produced = result.events.length;
      if (round === 0) continue; // warm-up
      parse.push(parseMs);
      expand.push(expandMs);
      map.push(mapMs);
    }
    const [p, e, m] = [median(parse), median(expand), median(map)];
    console.log(
      `| ${name} (${fmt(produced)} events) | ${fmt(text.length / 1024 / 1024, 1)} MB | ${fmt(p)} ms | ${fmt(e)} ms | ${fmt(m)} ms | ${fmt((produced / (p + e)) * 1000)} | ${fmt((produced / (p + e + m)) * 1000)} |`,
    );
  }
  console.log();
}

async function unchangedFeeds(): Promise<void> {
  const feed = zonedSingles(600);
  let requests = 0;
  let notModified = 0;
  const server = createServer((request, response) => {
    requests++;
    if (request.headers['if-none-match'] === '"v1"') {
      notModified++;
      response.writeHead(304, { etag: '"v1"' });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"' });
    response.end(feed);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const source = createIcsSource(
    {
      type: 'ics',
      feeds: { kind: 'url', template: `${base}/ical?user={username}`, peopleFile: null },
      timeZone: zone,
      requestTimeoutMs: 30_000,
      maxFeedBytes: 10 * 1024 * 1024,
      maxConcurrentRequests: 8,
      maxRequestsPerSecond: 100_000,
    },
    { onWarning: () => undefined, cachedEvents: 1_000_000 },
  );
  const people = Array.from({ length: peopleCount }, (_, n) => ({ id: `p${n}`, mailbox: `p${n}@uni.example` }));
  const pass = async () => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const results = await Promise.all(people.map((person) => source.read(person, window)));
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000, results };
  };
  const full = await pass();
  const before = requests;
  const again = await pass();
  const unchanged = again.results.filter((result) => result.kind === 'timetable' && result.unchanged === true).length;
  server.close();
  console.log(`## Unchanged feeds (${fmt(peopleCount)} people, 600 events each, 8 requests at once, local HTTP)\n`);
  console.log('| read | wall time | per person | CPU per person | requests per person |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| first (200, parsed) | ${fmt(full.ms)} ms | ${fmt(full.ms / peopleCount, 2)} ms | ${fmt(full.cpuMs / peopleCount, 2)} ms | 1 |`,
  );
  console.log(
    `| again (304, ${unchanged} of ${peopleCount} unchanged) | ${fmt(again.ms)} ms | ${fmt(again.ms / peopleCount, 2)} ms | ${fmt(again.cpuMs / peopleCount, 2)} ms | ${fmt((requests - before) / peopleCount)} (${notModified} answered 304) |`,
  );
  console.log();
}

async function engineRun(count: number): Promise<void> {
  const { startTestEmulator, clientId, tenantId } = await import('../test/support/emulator.ts');
  const { loadConfig } = await import('../src/config/index.ts');
  const { createEngine } = await import('../src/sync/engine.ts');
  const { syncPeople } = await import('../src/sync/sync-people.ts');
  const upns = Array.from({ length: count }, (_, n) => `bench${n}@uni.example`);
  const emulator = await startTestEmulator({
    extraSeed: (seed) => {
      const [tenant] = seed.tenants as { users: unknown[]; groups: { members: string[] }[] }[];
      upns.forEach((upn, n) => {
        tenant?.users.push({
          id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
          userPrincipalName: upn,
          displayName: upn,
          password: 'pw',
          mailbox: true,
        });
      });
      tenant?.groups[0]?.members.push(...upns);
    },
  });
  const feed = zonedSingles(600);
  let feedRequests = 0;
  const server = createServer((request, response) => {
    feedRequests++;
    if (request.headers['if-none-match'] === '"v1"') {
      response.writeHead(304);
      response.end();
    } else {
      response.writeHead(200, { 'content-type': 'text/calendar', etag: '"v1"' });
      response.end(feed);
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const dir = mkdtempSync(join(tmpdir(), 'tts-bench-ics-'));
  writeFileSync(join(dir, 'cert.pem'), emulator.certificate.certPem);
  writeFileSync(join(dir, 'key.pem'), emulator.certificate.keyPem);
  writeFileSync(
    join(dir, 'people.csv'),
    `id,mailbox\n${upns.map((upn) => `${upn.split('@')[0]},${upn}`).join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'timetable-sync.yaml'),
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
      people: { file: './people.csv' },
      source: {
        type: 'ics',
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/ical?user={username}`,
        timeZone: zone,
        maxRequestsPerSecond: 1000,
      },
      sync: { pastDays: 0, futureDays: 365 },
    }),
  );
  const engine = await createEngine(loadConfig({ path: join(dir, 'timetable-sync.yaml'), env: {} }));
  const now = new Date('2026-09-01T00:00:00Z');
  const first = await syncPeople(engine, { kind: 'sync', now });
  const requestsBefore = feedRequests;
  const started = performance.now();
  const again = await syncPeople(engine, { kind: 'sync', now });
  const ms = performance.now() - started;
  const created = first.outcomes.reduce((sum, o) => sum + o.counts.created, 0);
  console.log(`## The engine, every feed unchanged (${count} people, 600 events each, emulator in this process)\n`);
  console.log('| sync | people succeeded | events written | Graph requests | feed requests | wall time | per person |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| first | ${first.outcomes.filter((o) => o.status === 'succeeded').length} | ${fmt(created)} created | ${fmt(first.graph.httpRequests)} | ${count} | ${fmt(first.durationMs)} ms | ${fmt(first.durationMs / count, 1)} ms |`,
  );
  console.log(
    `| again, unchanged | ${again.outcomes.filter((o) => o.status === 'succeeded').length} | 0 | ${fmt(again.graph.httpRequests)} | ${feedRequests - requestsBefore} (all 304) | ${fmt(ms)} ms | ${fmt(ms / count, 1)} ms |`,
  );
  console.log();
  await engine.close();
  server.close();
  await emulator.close();
}

throughput();
await unchangedFeeds();
if (!values['no-engine']) await engineRun(Number(values['engine-people']));

// The change-to-Outlook latency (issue 5): the time from `PUT /api/v1/people/{id}/timetable` to the changed event
// being in the person's mailbox, while the service works through a background load of 1,000 mailboxes. One
// `serve`-like process (workers and the web server, `source.type: push`) against the emulator as a child process with
// zero latency, on PGlite or PostgreSQL. See bench/README.md for the figures; `--help` for the options.
//
// The background people's timetables are written straight into the push source's table in one transaction (as the
// PUT handler writes them, body checked by the same parser) and queued as the scheduler queues them; the probes go
// through real HTTP with an API key made by the `api-key create` command. The clock starts just before the PUT; it
// stops at the changed event's `lastModifiedDateTime` in the emulator (same machine, same clock), read through the
// inspection API, so how often we look does not change the figure.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';
import { apiKeyCommand } from '../src/cli/commands/api-key.ts';
import { loadConfig } from '../src/config/index.ts';
import { enqueuePeopleSync } from '../src/jobs/enqueue-person-sync.ts';
import { startService } from '../src/service/start-service.ts';
import { inTransaction } from '../src/store/in-transaction.ts';
import { upsertPeople } from '../src/store/person.repository.ts';
import { putPushedTimetable } from '../src/store/pushed-timetable.repository.ts';
import { parseTimetablePush } from '../src/web/api/push-body.ts';
import { type BenchDatabase, pgliteDatabase, postgresDatabase } from './bench-database.ts';
import { benchCertificate, benchSeed, writeEngineConfig } from './bench-tenant.ts';
import { type BenchTimetable, benchTimetable, personId, personMailbox } from './bench-timetable.ts';
import { startEmulatorProcess } from './emulator-process.ts';

const usage = `usage: npx node bench/push-latency.ts [options]
  --background N     mailboxes synced in the background (1000)
  --events N         events per person (10)
  --probes N         people whose timetable is pushed (20)
  --pushes N         pushes to measure (80)
  --every MS         one push every MS milliseconds (250)
  --workers N        sync jobs at once (16)
  --database-url URL PostgreSQL server (a database is created there and dropped afterwards); default PGlite`;

const { values } = parseArgs({
  options: {
    background: { type: 'string', default: '1000' },
    events: { type: 'string', default: '10' },
    probes: { type: 'string', default: '20' },
    pushes: { type: 'string', default: '80' },
    every: { type: 'string', default: '250' },
    workers: { type: 'string', default: '16' },
    'database-url': { type: 'string' },
    help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const [background, events, probes, pushes, every, workers] = [
  values.background,
  values.events,
  values.probes,
  values.pushes,
  values.every,
  values.workers,
].map(Number) as [number, number, number, number, number, number];

const database: BenchDatabase = values['database-url']
  ? await postgresDatabase(values['database-url'])
  : pgliteDatabase();
const certificate = await benchCertificate();
const emulator = await startEmulatorProcess({ seed: benchSeed(background + probes, certificate, { min: 0, max: 0 }) });
const agent = new Agent({ connect: { ca: emulator.caPem } });
const directory = mkdtempSync(join(tmpdir(), 'tts-push-latency-'));
const timetable: BenchTimetable = benchTimetable(background + probes, events);
const configPath = writeEngineConfig({
  directory,
  emulatorUrl: emulator.url,
  caPath: emulator.caPath,
  certificate,
  database: database.config,
  timetablePath: join(directory, 'unused.json'),
  sync: {},
});
// The engine's configuration (JSON is YAML) with the push source and the service's and web server's sections (the
// web server's keys as files: PostgreSQL needs them configured).
for (const name of ['session', 'token']) {
  writeFileSync(join(directory, `${name}.key`), randomBytes(32).toString('base64'), { mode: 0o600 });
}
writeFileSync(
  configPath,
  JSON.stringify({
    ...JSON.parse(readFileSync(configPath, 'utf8')),
    source: { type: 'push' },
    service: { workers },
    web: { port: 0, sessionKeyFile: 'session.key', tokenKeyFile: 'token.key' },
  }),
);

const backgroundDone: number[] = [];
const service = await startService({
  config: loadConfig({ path: configPath, env: {} }),
  workers,
  scheduler: false,
  webPort: 0,
  name: 'bench',
  log: (line) => {
    if (line.includes(' sync/schedule: ')) backgroundDone.push(Date.now());
  },
});
const { boss, engine } = service;
const db = engine.store.db;
const apiUrl = `http://127.0.0.1:${new URL(service.web?.url ?? 'http://127.0.0.1:0').port}/api/v1`;
const keyLines: string[] = [];
await apiKeyCommand(db, ['create', 'bench'], (line) => keyLines.push(line));
const apiKey = keyLines.at(-1) ?? '';

/** The PUT's body for person n (the canonical JSON of one person), with these events. */
const body = (n: number, list: readonly unknown[] = timetable.people[n]?.events ?? []) => ({
  id: personId(n),
  mailbox: personMailbox(n),
  timeZone: timetable.timeZone,
  events: list,
});

// The background people: stored as the PUT handler stores them (the same parser, one transaction) but not queued
// by it, so their first sync is the scheduler's low-priority work below rather than 1,000 pushes.
const bulkStart = Date.now();
await inTransaction(db, async (trx) => {
  for (let n = 0; n < background; n++) {
    await putPushedTimetable(trx, parseTimetablePush(body(n), personId(n)), new Date());
  }
  const people = Array.from({ length: background }, (_, n) => ({
    id: personId(n),
    mailbox: personMailbox(n),
    authMode: 'application' as const,
  }));
  await upsertPeople(trx, people);
});
const bulkMs = Date.now() - bulkStart;
const probeIds = Array.from({ length: probes }, (_, i) => background + i);

// Warm-up: the probes' first PUT and sync, so each measured push is one changed event in a calendar that has the
// others.
for (const n of probeIds) await put(n, body(n));
await Promise.all(probeIds.map((n) => waitForEvents(personMailbox(n), (e) => e.length >= events)));

const loadStart = Date.now();
await enqueuePeopleSync(
  boss,
  Array.from({ length: background }, (_, n) => personId(n)),
  'sync',
  'schedule',
);
while (backgroundDone.length < Math.min(50, background)) await sleep(50);

const latencies: number[] = [];
const loadedLatencies: number[] = [];
const answers: number[] = [];
let underLoad = 0;
const inFlight = new Set<Promise<void>>();
for (let i = 0; i < pushes; i++) {
  const n = probeIds[i % probes] as number;
  const marker = `(change ${i})`;
  const changed = (timetable.people[n]?.events ?? []).map((e, k) =>
    k === 0 ? { ...e, title: `${e.title} ${marker}` } : e,
  );
  const started = Date.now();
  await put(n, body(n, changed));
  answers.push(Date.now() - started);
  const loaded = backgroundDone.length < background;
  if (loaded) underLoad++;
  const landed = waitForEvents(personMailbox(n), (list) => list.some((e) => e.subject.includes(marker))).then(
    (list) => {
      const event = list.find((e) => e.subject.includes(marker));
      const latency = Date.parse(event?.lastModifiedDateTime ?? '') - started;
      latencies.push(latency);
      if (loaded) loadedLatencies.push(latency);
    },
  );
  inFlight.add(landed);
  void landed.then(() => inFlight.delete(landed));
  await sleep(every);
  // A probe is pushed again only once its previous change has landed.
  if (inFlight.size >= probes) await Promise.race(inFlight);
}
await Promise.all(inFlight);
const pushWindowEnd = Date.now();
const duringWindow = backgroundDone.filter((t) => t >= loadStart).length;

latencies.sort((a, b) => a - b);
loadedLatencies.sort((a, b) => a - b);
const pct = (p: number, list = latencies) =>
  list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)] ?? NaN;
console.log(
  `push latency on ${database.name}: ${background} background mailboxes × ${events} events, ${workers} workers`,
);
console.log(`| database | pushes (made under load) | p50 | p95 | max | background mailboxes synced meanwhile |`);
console.log(`|---|---|---|---|---|---|`);
console.log(
  `| ${database.name} | ${latencies.length} (${underLoad}) | ${ms(pct(50))} | ${ms(pct(95))} | ${ms(pct(100))} | ` +
    `${duringWindow} of ${background} in the ${((pushWindowEnd - loadStart) / 1000).toFixed(1)} s from the load's start to the last push landing |`,
);
console.log(
  `pushes made while background mailboxes were still queued (${loadedLatencies.length}): ` +
    `p50 ${ms(pct(50, loadedLatencies))}, p95 ${ms(pct(95, loadedLatencies))}, max ${ms(pct(100, loadedLatencies))}`,
);
answers.sort((a, b) => a - b);
console.log(
  `PUT answered (202) in p50 ${ms(answers[Math.floor(answers.length / 2)] ?? NaN)}, max ${ms(answers.at(-1) ?? NaN)}; ` +
    `${background} background timetables stored in ${ms(bulkMs)}`,
);

await service.stop();
await agent.close();
await emulator.stop();
await database.drop();
rmSync(directory, { recursive: true, force: true });

/** `PUT /api/v1/people/{id}/timetable` over HTTP with the API key; anything but 202 ends the run. */
async function put(n: number, payload: unknown): Promise<void> {
  const response = await fetch(`${apiUrl}/people/${personId(n)}/timetable`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`PUT ${personId(n)} answered ${response.status}: ${text}`);
}

interface Inspected {
  readonly subject: string;
  readonly lastModifiedDateTime: string;
}

/** Polls the emulator's inspection API until the mailbox's events satisfy `done`. */
async function waitForEvents(upn: string, done: (list: readonly Inspected[]) => boolean): Promise<Inspected[]> {
  for (;;) {
    const response = await fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events`, { dispatcher: agent });
    const list = ((await response.json()) as { value: Inspected[] }).value;
    if (done(list)) return list;
    await sleep(25);
  }
}

function sleep(msDelay: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, msDelay));
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : value < 1000 ? `${Math.round(value)} ms` : `${(value / 1000).toFixed(2)} s`;
}

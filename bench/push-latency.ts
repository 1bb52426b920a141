// The change-to-Outlook latency (issue 5): the time from a timetable change being pushed to the changed event
// being in the person's mailbox, while the service works through a background load of 1,000 mailboxes. One
// `serve`-like process (workers, no web) against the emulator as a child process with zero latency, on PGlite or
// PostgreSQL. See bench/README.md for the figures; `npx node bench/push-latency.ts --help` for the options.
//
// A push is simulated as the push API will do it (that endpoint is not built yet): the person's new timetable is
// written where the source reads it (the JSON file, replaced atomically), then `enqueuePersonSync(…, 'push')`.
// The clock starts before the write; it stops at the changed event's `lastModifiedDateTime` in the emulator (same
// machine, same clock), read through the inspection API, so how often we look does not change the figure.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Agent, fetch } from 'undici';
import { loadConfig } from '../src/config/index.ts';
import { enqueuePeopleSync, enqueuePersonSync } from '../src/jobs/enqueue-person-sync.ts';
import { startService } from '../src/service/start-service.ts';
import { selectPeople } from '../src/sync/sync-people.ts';
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
let timetable: BenchTimetable = benchTimetable(background + probes, events);
const timetablePath = join(directory, 'timetable.json');
const writeTimetable = () => {
  writeFileSync(`${timetablePath}.tmp`, JSON.stringify(timetable));
  renameSync(`${timetablePath}.tmp`, timetablePath);
};
writeTimetable();
const configPath = writeEngineConfig({
  directory,
  emulatorUrl: emulator.url,
  caPath: emulator.caPath,
  certificate,
  database: database.config,
  timetablePath,
  sync: {},
});
// The engine's configuration (JSON is YAML) with the service's section added.
writeFileSync(configPath, JSON.stringify({ ...JSON.parse(readFileSync(configPath, 'utf8')), service: { workers } }));

const backgroundDone: number[] = [];
const service = await startService({
  config: loadConfig({ path: configPath, env: {} }),
  workers,
  scheduler: false,
  webPort: null,
  name: 'bench',
  log: (line) => {
    if (line.includes(' sync/schedule: ')) backgroundDone.push(Date.now());
  },
});
const { boss, engine } = service;
await selectPeople(engine);
const probeIds = Array.from({ length: probes }, (_, i) => background + i);

// Warm-up: the probes' first sync, so each push is one changed event in a calendar that has the others.
await Promise.all(probeIds.map((n) => enqueuePersonSync(boss, personId(n), 'manual')));
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
let underLoad = 0;
const inFlight = new Set<Promise<void>>();
for (let i = 0; i < pushes; i++) {
  const n = probeIds[i % probes] as number;
  const marker = `(change ${i})`;
  const started = Date.now();
  timetable = {
    ...timetable,
    people: timetable.people.map((person, index) =>
      index === n
        ? { ...person, events: person.events.map((e, k) => (k === 0 ? { ...e, title: `${e.title} ${marker}` } : e)) }
        : person,
    ),
  };
  writeTimetable();
  await enqueuePersonSync(boss, personId(n), 'push');
  if (backgroundDone.length < background) underLoad++;
  const landed = waitForEvents(personMailbox(n), (list) => list.some((e) => e.subject.includes(marker))).then(
    (list) => {
      const event = list.find((e) => e.subject.includes(marker));
      latencies.push(Date.parse(event?.lastModifiedDateTime ?? '') - started);
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
const pct = (p: number) =>
  latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
console.log(
  `push latency on ${database.name}: ${background} background mailboxes × ${events} events, ${workers} workers`,
);
console.log(`| database | pushes (made under load) | p50 | p95 | max | background mailboxes synced meanwhile |`);
console.log(`|---|---|---|---|---|---|`);
console.log(
  `| ${database.name} | ${latencies.length} (${underLoad}) | ${ms(pct(50))} | ${ms(pct(95))} | ${ms(pct(100))} | ` +
    `${duringWindow} of ${background} in the ${((pushWindowEnd - loadStart) / 1000).toFixed(1)} s from the load's start to the last push landing |`,
);

await service.stop();
await agent.close();
await emulator.stop();
await database.drop();
rmSync(directory, { recursive: true, force: true });

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

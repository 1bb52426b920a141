// The sync engine benchmark (issue 3): a first sync of M mailboxes × E events against the emulator (a child
// process, so engine and emulator each have a core), an unchanged re-run, a re-run after 1% of the events change,
// a re-run with the scheduled reconcile due; the first sync again with latency; and the emulator's own bound for
// the same work. Run `npx node bench/sync-engine.ts --help` for the options; see bench/README.md for the figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config/index.ts';
import { type BoundResult, measureBound } from './batch-bound.ts';
import { type BenchDatabase, pgliteDatabase, postgresDatabase } from './bench-database.ts';
import {
  type BenchCertificate,
  benchCertificate,
  benchSeed,
  clientId,
  clientSecret,
  tenantId,
  writeEngineConfig,
} from './bench-tenant.ts';
import { type BenchTimetable, benchTimetable, changeEvents } from './bench-timetable.ts';
import { describeBound, describeLatencyBound, describeProjection } from './bound-notes.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { measureEngineRun } from './engine-run.ts';
import { crossChecks, figuresTable, type Row } from './figures-table.ts';
import { latencyBound } from './latency-bound.ts';

const usage = `usage: npx node bench/sync-engine.ts [options]
  --mailboxes N          mailboxes (people) of the zero-latency runs (500)
  --events N             events per mailbox (300)
  --change SHARE         share of all events changed before the third run (0.01)
  --latency MIN-MAX      the emulator's latency for the latency run, ms ("20-60"; "none" skips that run)
  --latency-mailboxes N  mailboxes of the latency run (as --mailboxes)
  --concurrency N        sync.maxConcurrentMailboxes: batches in flight overall (the configuration's default, 32)
  --database-url URL     also run on PostgreSQL (a database is created on that server and dropped afterwards);
                         TEST_DATABASE_URL is used when this is absent
  --no-bound             skip measuring the emulator's own bound
  --emulator-cpu-prof    run the emulator with --cpu-prof (profiles land in the current folder)`;

export interface SyncBenchOptions {
  readonly mailboxes: number;
  readonly events: number;
  readonly change: number;
  readonly latency: { readonly min: number; readonly max: number } | null;
  readonly latencyMailboxes: number;
  readonly concurrency: number | undefined;
  readonly databaseUrl: string | undefined;
  readonly bound: boolean;
  readonly emulatorCpuProf: boolean;
}

export function parseSyncBenchArgs(args: readonly string[]): SyncBenchOptions | null {
  const { values } = parseArgs({
    args: [...args],
    options: {
      mailboxes: { type: 'string', default: '500' },
      events: { type: 'string', default: '300' },
      change: { type: 'string', default: '0.01' },
      latency: { type: 'string', default: '20-60' },
      'latency-mailboxes': { type: 'string' },
      concurrency: { type: 'string' },
      'database-url': { type: 'string' },
      'no-bound': { type: 'boolean', default: false },
      'emulator-cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const count = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a whole number above 0, not ${text}`);
    return n;
  };
  const latency = values.latency === 'none' ? null : /^(\d+)-(\d+)$/.exec(values.latency ?? '');
  if (latency === undefined || (latency !== null && Number(latency[2]) < Number(latency[1]))) {
    throw new RangeError(`--latency must be MIN-MAX in ms (e.g. 20-60) or none, not ${values.latency}`);
  }
  const mailboxes = count('mailboxes', values.mailboxes);
  return {
    mailboxes,
    events: count('events', values.events),
    change: Number(values.change),
    latency: latency ? { min: Number(latency[1]), max: Number(latency[2]) } : null,
    latencyMailboxes: values['latency-mailboxes'] ? count('latency-mailboxes', values['latency-mailboxes']) : mailboxes,
    concurrency: values.concurrency ? count('concurrency', values.concurrency) : undefined,
    databaseUrl: values['database-url'] ?? (process.env.TEST_DATABASE_URL || undefined),
    bound: !values['no-bound'],
    emulatorCpuProf: values['emulator-cpu-prof'],
  };
}

interface Setting {
  readonly label: string;
  readonly latencyMs: { readonly min: number; readonly max: number };
  readonly mailboxes: number;
}

export interface SyncBenchReport {
  readonly rows: readonly Row[];
  readonly text: string;
}

export async function runSyncBenchmark(options: SyncBenchOptions): Promise<SyncBenchReport> {
  const work = mkdtempSync(join(tmpdir(), 'tts-bench-sync-'));
  const certificate = await benchCertificate();
  const sync = options.concurrency === undefined ? {} : { maxConcurrentMailboxes: options.concurrency };
  const settings: Setting[] = [
    { label: 'none', latencyMs: { min: 0, max: 0 }, mailboxes: options.mailboxes },
    ...(options.latency
      ? [
          {
            label: `${options.latency.min}–${options.latency.max} ms`,
            latencyMs: options.latency,
            mailboxes: options.latencyMailboxes,
          },
        ]
      : []),
  ];
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    for (const setting of settings) {
      const timetable = benchTimetable(setting.mailboxes, options.events);
      const context = { work, certificate, setting, timetable, sync, options };
      const events = setting.mailboxes * options.events;
      const bound = options.bound ? await boundFor(context) : undefined;
      if (bound) notes.push(describeBound(setting.label, events, bound));
      const cap = options.concurrency ?? 32;
      const computed =
        setting.latencyMs.max > 0
          ? latencyBound({
              mailboxes: setting.mailboxes,
              eventsPerMailbox: options.events,
              batchSize: 20,
              maxConcurrentBatches: cap,
              latencyMs: setting.latencyMs,
            })
          : undefined;
      if (computed) notes.push(describeLatencyBound(setting.mailboxes, cap, computed));
      const databases: (() => Promise<BenchDatabase>)[] = [async () => pgliteDatabase()];
      // PostgreSQL at zero latency only: latency hides the store's share of the time.
      if (options.databaseUrl && setting.latencyMs.max === 0) {
        const url = options.databaseUrl;
        databases.push(() => postgresDatabase(url));
      }
      for (const open of databases) {
        const runs = await engineRuns(context, await open(), bound);
        rows.push(...runs);
        const [first] = runs;
        if (first && computed)
          notes.push(describeProjection(first, computed.eventsPerSecond, 'computed latency bound'));
        else if (first && bound?.emulatorCpuMicros) {
          // At zero latency the bound is the emulator's CPU: one core of it, as the engine has one core.
          const emulatorRate = events / (bound.emulatorCpuMicros / 1e6);
          notes.push(describeProjection(first, emulatorRate, "emulator's one-core rate in the bound"));
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const text = [
    `Sync engine benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}, ` +
      `sync.maxConcurrentMailboxes ${options.concurrency ?? 'default (32)'}, batches of 20.`,
    '',
    figuresTable(rows),
    '',
    ...notes,
    '',
    crossChecks(rows),
  ].join('\n');
  return { rows, text };
}

interface Context {
  readonly work: string;
  readonly certificate: BenchCertificate;
  readonly setting: Setting;
  readonly timetable: BenchTimetable;
  readonly sync: Readonly<Record<string, unknown>>;
  readonly options: SyncBenchOptions;
}

async function startEmulator(context: Context) {
  return startEmulatorProcess({
    seed: benchSeed(context.setting.mailboxes, context.certificate, { ...context.setting.latencyMs }),
    nodeArgs: context.options.emulatorCpuProf ? ['--cpu-prof'] : [],
  });
}

function writeTimetable(directory: string, timetable: BenchTimetable): string {
  const path = join(directory, 'timetable.json');
  // Written elsewhere and renamed into place would be the production way; the engine is not running here.
  writeFileSync(path, JSON.stringify(timetable));
  return path;
}

async function boundFor(context: Context): Promise<BoundResult> {
  const emulator = await startEmulator(context);
  try {
    const directory = mkdtempSync(join(context.work, 'bound-'));
    const configPath = writeEngineConfig({
      directory,
      emulatorUrl: emulator.url,
      caPath: emulator.caPath,
      certificate: context.certificate,
      database: { dataDir: join(directory, 'unused') },
      timetablePath: writeTimetable(directory, context.timetable),
      sync: context.sync,
    });
    log(`bound: ${context.setting.mailboxes} mailboxes, latency ${context.setting.label}`);
    const before = await emulator.stats();
    const bound = await measureBound({
      config: loadConfig({ path: configPath, env: {} }),
      url: emulator.url,
      caPem: emulator.caPem,
      tenantId,
      clientId,
      clientSecret,
    });
    if (bound.failures > 0) log(`bound: ${bound.failures} creates failed`);
    return { ...bound, emulatorCpuMicros: (await emulator.stats()).cpuMicros - before.cpuMicros };
  } finally {
    await emulator.stop();
  }
}

async function engineRuns(context: Context, database: BenchDatabase, bound: BoundResult | undefined): Promise<Row[]> {
  const { setting, options } = context;
  const emulator = await startEmulator(context);
  const rows: Row[] = [];
  try {
    const directory = mkdtempSync(join(context.work, 'engine-'));
    const timetablePath = writeTimetable(directory, context.timetable);
    const configPath = writeEngineConfig({
      directory,
      emulatorUrl: emulator.url,
      caPath: emulator.caPath,
      certificate: context.certificate,
      database: database.config,
      timetablePath,
      sync: context.sync,
    });
    const row = async (run: string, now?: Date, boundSeconds?: number) => {
      log(`${run}: ${database.name}, latency ${setting.label}, ${setting.mailboxes} × ${options.events}`);
      const figures = await measureEngineRun({ configPath, emulator, ...(now ? { now } : {}) });
      const result: Row = {
        run,
        database: database.name,
        latency: setting.label,
        mailboxes: setting.mailboxes,
        eventsPerMailbox: options.events,
        figures,
        ...(boundSeconds === undefined ? {} : { boundSeconds }),
      };
      log(`  ${figures.seconds.toFixed(1)} s, ${figures.graphHttpRequests} Graph HTTP requests`);
      rows.push(result);
    };
    await row('first sync', undefined, bound?.seconds);
    await row('unchanged re-run');
    if (setting.latencyMs.max === 0) {
      const [changed, count] = changeEvents(context.timetable, options.change);
      writeTimetable(directory, changed);
      await row(`re-run, ${count} events changed (${(options.change * 100).toFixed(1)}%)`);
      // The scheduled reconcile (sync.reconcileIntervalHours, 24 by default) is due a day later.
      await row('re-run, reconcile due', new Date(Date.now() + 25 * 3_600_000));
    }
  } finally {
    await emulator.stop();
    await database.drop();
  }
  return rows;
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options: SyncBenchOptions | null;
  try {
    options = parseSyncBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (!options) {
    console.log(usage);
  } else {
    console.log((await runSyncBenchmark(options)).text);
  }
}

export { usage as syncBenchUsage };

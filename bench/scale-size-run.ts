// One size of the scale benchmark: the emulator (a child process) seeded with N mailboxes, a fresh PostgreSQL
// database, the timetables stored as pushes (or written as one JSON file), W `timetable-sync worker` processes, a
// first sync of everyone and a sync after a share of the events changed, then the peak memory of every process and
// the database's size; everything is stopped and dropped after.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/index.ts';
import { bossSchema } from '../src/jobs/open-boss.ts';
import { enqueueSyncAll } from '../src/jobs/schedules.ts';
import { startService } from '../src/service/start-service.ts';
import { type ServiceProcess, spawnService } from '../test/service/worker-process.ts';
import { postgresDatabase } from './bench-database.ts';
import { type BenchCertificate, benchSeed } from './bench-tenant.ts';
import { benchTimetable, changeEvents } from './bench-timetable.ts';
import { startEmulatorProcess } from './emulator-process.ts';
import { type ScaleSource, writeScaleConfig, writeTimetableFile } from './scale-config.ts';
import { type DatabaseSize, databaseSize } from './scale-database-size.ts';
import { isRunning, type PhaseFigures, runPhase } from './scale-phase.ts';
import { childWithArgument, type ProcessFigures, processFigures } from './scale-process-figures.ts';
import { changedPeople, enqueuePushSyncs, putTimetables } from './scale-push.ts';

export interface ScaleOptions {
  readonly mailboxes: readonly number[];
  readonly events: number;
  readonly workers: number;
  readonly concurrency: number;
  readonly databaseUrl: string;
  readonly changeShare: number;
  readonly source: ScaleSource;
}

/** Putting timetables where the source reads them (not part of any sync's wall time). */
export interface TimetableLoad {
  /** People whose timetable was stored (push) or written (json: the whole file each time). */
  readonly people: number;
  readonly seconds: number;
  /** One-minute load average at its end. */
  readonly loadAverage: number;
}

export interface SizeResult {
  readonly source: ScaleSource;
  readonly mailboxes: number;
  readonly events: number;
  /** Before the first sync: every timetable. */
  readonly timetableLoad: TimetableLoad;
  /** Before the re-run: the changed timetables (push) or the whole file again (json). */
  readonly changeLoad: TimetableLoad;
  readonly first: PhaseFigures;
  readonly change: PhaseFigures;
  readonly changedEvents: number;
  /** Each worker's peak RSS after the first sync (the end figures below cover both runs); null once it exited. */
  readonly workerPeakAfterFirst: readonly (number | null)[];
  readonly workers: readonly (ProcessFigures | null)[];
  readonly emulator: ProcessFigures | undefined;
  readonly bench: ProcessFigures;
  /** Right after the schemas were installed, before any sync. */
  readonly sizeAtStart: DatabaseSize;
  readonly sizeAfterFirst: DatabaseSize;
  readonly sizeAtEnd: DatabaseSize;
  /** How each worker ended on SIGTERM, and any line it printed that is not a job's or its own start/stop line. */
  readonly workerExits: readonly string[];
  readonly unexpectedLines: readonly string[];
}

/** The emulator holds every event (about 1.9 kB each: 1.5 million at 10,000 × 150), far past Node's default heap. */
const emulatorNodeArgs = ['--max-old-space-size=12288'];
const stopTimeoutMs = 120_000;

export async function runScaleSize(
  options: ScaleOptions,
  mailboxes: number,
  certificate: BenchCertificate,
  log: (line: string) => void,
): Promise<SizeResult> {
  const work = mkdtempSync(join(tmpdir(), 'tts-bench-scale-'));
  const timetable = benchTimetable(mailboxes, options.events);
  const timetablePath = join(work, 'timetable.json');
  log(`${mailboxes} mailboxes × ${options.events} events, ${options.source} source: starting the emulator`);
  const emulator = await startEmulatorProcess({
    seed: benchSeed(mailboxes, certificate, { min: 0, max: 0 }),
    nodeArgs: emulatorNodeArgs,
  });
  try {
    const emulatorPid = childWithArgument('emulator');
    const database = await postgresDatabase(options.databaseUrl);
    try {
      const configPath = writeScaleConfig({
        directory: work,
        emulator,
        certificate,
        database,
        timetablePath,
        source: options.source,
      });
      // The JSON source's file must be there before any process reads the configuration.
      const fileLoad =
        options.source === 'json'
          ? await timed(mailboxes, async () => writeTimetableFile(timetablePath, timetable))
          : undefined;
      const config = loadConfig({ path: configPath, env: {} });
      // The benchmark's own view of the queue and the store (no workers); it installs both schemas first.
      const observer = await startService({
        config,
        workers: 0,
        scheduler: false,
        webPort: null,
        name: 'bench-observer',
        log: (line) => log(`observer: ${line}`),
      });
      try {
        const { boss, engine } = observer;
        const { db } = engine.store;
        const schemas = { store: engine.store.schema, boss: bossSchema(engine.store.schema) };
        const sizeAtStart = await databaseSize(db, schemas);
        const timetableLoad =
          fileLoad ??
          (await timed(mailboxes, () => putTimetables(db, config.microsoft.auth, timetable, timetable.people)));
        log(`timetables loaded (${options.source}): ${timetableLoad.seconds.toFixed(1)} s`);
        const workers = Array.from({ length: options.workers }, () =>
          spawnService('worker', ['--config', configPath, '--concurrency', String(options.concurrency)]),
        );
        try {
          await Promise.all(workers.map((worker) => worker.waitForLine(/^worker \d+: \d+ job\(s\) at once/)));
          log(`${workers.length} workers × ${options.concurrency} jobs at once are up`);
          const syncAll = async () => {
            if ((await enqueueSyncAll(boss, 'sync')) === null) throw new Error('a sync-all job was already waiting');
          };
          const phase = (label: string, people: number, enqueue: () => Promise<void>) =>
            runPhase({
              label,
              people,
              enqueue,
              db,
              bossSchema: schemas.boss,
              emulator,
              emulatorPid,
              workers,
              stallSeconds: 300,
              log,
            });
          const first = await phase('first sync', mailboxes, syncAll);
          const workerPeakAfterFirst = workers.map((worker) => workerFigures(worker)?.peakRssBytes ?? null);
          const sizeAfterFirst = await databaseSize(db, schemas);
          const [changed, changedEvents] = changeEvents(timetable, options.changeShare);
          const label = `re-run, ${changedEvents} events changed`;
          let change: PhaseFigures;
          let changeLoad: TimetableLoad;
          if (options.source === 'push') {
            // A PUT of each changed person's timetable (stored first, timed apart), then their syncs queued at once
            // as the push routes queue them; the wall time starts at the first of those.
            const people = changedPeople(timetable, changed);
            changeLoad = await timed(people.length, () => putTimetables(db, config.microsoft.auth, changed, people));
            const ids = people.map((person) => person.id);
            change = await phase(label, ids.length, () => enqueuePushSyncs(boss, ids));
          } else {
            changeLoad = await timed(mailboxes, async () => writeTimetableFile(timetablePath, changed));
            change = await phase(label, mailboxes, syncAll);
          }
          const result = {
            source: options.source,
            mailboxes,
            events: options.events,
            timetableLoad,
            changeLoad,
            first,
            change,
            changedEvents,
            workerPeakAfterFirst,
            workers: workers.map(workerFigures),
            emulator: emulatorPid === undefined ? undefined : processFigures(emulatorPid),
            bench: processFigures(process.pid),
            sizeAtStart,
            sizeAfterFirst,
            sizeAtEnd: await databaseSize(db, schemas),
          };
          const workerExits = await stopWorkers(workers);
          return { ...result, workerExits, unexpectedLines: unexpectedLines(workers) };
        } finally {
          // After a failure: the workers still running are stopped the same way.
          await stopWorkers(workers.filter(isRunning));
        }
      } finally {
        await observer.stop();
      }
    } finally {
      await database.drop();
    }
  } finally {
    await emulator.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

async function timed(people: number, load: () => Promise<void>): Promise<TimetableLoad> {
  const started = performance.now();
  await load();
  return { people, seconds: (performance.now() - started) / 1000, loadAverage: loadavg()[0] ?? 0 };
}

/** A worker's figures, or null when it has exited (how it ended is in the report's worker exits). */
function workerFigures(worker: ServiceProcess): ProcessFigures | null {
  return isRunning(worker) ? processFigures(worker.pid) : null;
}

/** SIGTERM to each, as an operator stops a worker; one that has not exited after two minutes is killed. */
async function stopWorkers(workers: readonly ServiceProcess[]): Promise<string[]> {
  for (const worker of workers) worker.signal('SIGTERM');
  return Promise.all(
    workers.map(async (worker) => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), stopTimeoutMs);
      });
      const exit = await Promise.race([worker.exited, late]);
      clearTimeout(timer);
      if (exit !== 'late') return `worker ${worker.pid}: exit ${exit.code ?? exit.signal}`;
      worker.signal('SIGKILL');
      await worker.exited;
      return `worker ${worker.pid}: still running ${stopTimeoutMs / 1000} s after SIGTERM, killed`;
    }),
  );
}

/** What a worker printed besides its start and stop lines and one line per job (warnings, errors, crashes). */
function unexpectedLines(workers: readonly ServiceProcess[]): string[] {
  const expected = /^(sync-person |sync-all |worker \d+: |SIGTERM: finishing running jobs|$)/;
  return workers.flatMap((worker) =>
    worker.lines.filter((line) => !expected.test(line)).map((line) => `worker ${worker.pid}: ${line}`),
  );
}

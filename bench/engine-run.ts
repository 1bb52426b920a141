// One measured sync run: a fresh engine from the configuration file (as each `timetable-sync sync` starts one),
// `syncPeople` over everyone, and what it cost: wall time, this process's CPU (the engine: planning, mapping,
// the store, HTTP; the emulator runs in another process), peak RSS, the engine's Graph counters and the emulator's.
import { loadConfig } from '../src/config/index.ts';
import { createEngine } from '../src/sync/engine.ts';
import { syncPeople } from '../src/sync/sync-people.ts';
import type { EmulatorProcess } from './emulator-process.ts';

export interface RunFigures {
  readonly seconds: number;
  /** Opening the engine (store, migrations, certificate), not part of `seconds`. */
  readonly openSeconds: number;
  readonly people: number;
  readonly failedPeople: number;
  /** The first failure, for the report. */
  readonly firstFailure: string | null;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly listedCalendars: number;
  readonly graphHttpRequests: number;
  readonly batchItems: number;
  readonly throttled: number;
  readonly retries: number;
  /** Graph requests the emulator counted (plain requests and `$batch` items). */
  readonly emulatorGraphRequests: number;
  /** Every HTTP request the emulator took during the run, sign-in included. */
  readonly emulatorHttpRequests: number;
  readonly emulatorCpuMicros: number;
  readonly storedEvents: number;
  readonly engineCpuMicros: number;
  readonly peakRssBytes: number;
}

export interface EngineRunOptions {
  readonly configPath: string;
  readonly emulator: EmulatorProcess;
  /** The run's clock (a later one makes the scheduled reconcile due). */
  readonly now?: Date;
}

export async function measureEngineRun(options: EngineRunOptions): Promise<RunFigures> {
  const { emulator } = options;
  const before = await emulator.stats();
  const opening = process.hrtime.bigint();
  const engine = await createEngine(loadConfig({ path: options.configPath, env: {} }));
  const openSeconds = Number(process.hrtime.bigint() - opening) / 1e9;
  let peakRssBytes = process.memoryUsage.rss();
  const sampler = setInterval(() => {
    peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  }, 100);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let summary: Awaited<ReturnType<typeof syncPeople>>;
  try {
    summary = await syncPeople(engine, { kind: 'sync', ...(options.now ? { now: options.now } : {}) });
  } finally {
    clearInterval(sampler);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss());
  await engine.close();
  const after = await emulator.stats();
  const sum = (pick: (counts: (typeof summary.outcomes)[number]['counts']) => number) =>
    summary.outcomes.reduce((total, outcome) => total + pick(outcome.counts), 0);
  const failed = summary.outcomes.filter((o) => o.status !== 'succeeded');
  return {
    seconds,
    openSeconds,
    people: summary.outcomes.length,
    failedPeople: failed.length,
    firstFailure: failed[0] ? `${failed[0].personId}: ${failed[0].status} ${failed[0].reason ?? ''}` : null,
    created: sum((c) => c.created),
    updated: sum((c) => c.updated),
    deleted: sum((c) => c.deleted),
    unchanged: sum((c) => c.unchanged),
    listedCalendars: summary.outcomes.filter((o) => o.listed).length,
    graphHttpRequests: summary.graph.httpRequests,
    batchItems: summary.graph.batchItems,
    throttled: summary.graph.throttled,
    retries: summary.graph.retries,
    emulatorGraphRequests: after.graphRequests - before.graphRequests,
    // Less the stats read that took the second sample.
    emulatorHttpRequests: after.httpRequests - before.httpRequests - 1,
    emulatorCpuMicros: after.cpuMicros - before.cpuMicros,
    storedEvents: after.storedEvents,
    engineCpuMicros: used.user + used.system,
    peakRssBytes,
  };
}

/** Events written to calendars in a run (creates, updates, deletes). */
export function written(figures: RunFigures): number {
  return figures.created + figures.updated + figures.deleted;
}

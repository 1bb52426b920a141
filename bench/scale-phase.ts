// One measured run of the scale benchmark: syncs queued by the caller (everyone through a `sync-all` job, or the
// people a push touched), worked by the worker processes, followed in the store until each of those people has a
// succeeded run (or no job is left), and what it cost: wall time by the database's clock, the runs' counts, the
// emulator's, CPU per process.
import { loadavg } from 'node:os';
import { type Kysely, sql } from 'kysely';
import { SYNC_ALL_QUEUE, SYNC_PERSON_DEAD_QUEUE, SYNC_PERSON_QUEUE } from '../src/jobs/queues.ts';
import type { Database } from '../src/store/database.ts';
import type { ServiceProcess } from '../test/service/worker-process.ts';
import type { EmulatorProcess } from './emulator-process.ts';
import { cpuSeconds } from './scale-process-figures.ts';

export interface PhaseContext {
  readonly label: string;
  /** How many people this run syncs. */
  readonly people: number;
  /** Queues the run's jobs; the wall time starts just before it. */
  readonly enqueue: () => Promise<void>;
  readonly db: Kysely<Database>;
  readonly bossSchema: string;
  readonly emulator: EmulatorProcess;
  readonly emulatorPid: number | undefined;
  readonly workers: readonly ServiceProcess[];
  /** Give up when no person finished for this long. */
  readonly stallSeconds: number;
  readonly log: (line: string) => void;
}

export interface PhaseFigures {
  /** From just before the first job was queued to the last run's end (both by the database's clock). */
  readonly seconds: number;
  /** The people this run syncs. */
  readonly people: number;
  /** How long queueing took (part of `seconds`; the workers start on the first jobs meanwhile). */
  readonly enqueueSeconds: number;
  readonly succeeded: number;
  /** People without a succeeded run in this phase, and the first such run's outcome and error. */
  readonly notSucceeded: number;
  readonly firstFailure: string | null;
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly adopted: number;
  readonly failedWrites: number;
  /**
   * HTTP requests the emulator took, less this benchmark's stats reads: Graph requests as the engine sends them
   * (a `$batch` once, calendar listings included) and the workers' sign-ins (a token request or two per process).
   */
  readonly graphHttpRequests: number;
  /** HTTP requests the runs recorded in their counts: the listing's pages and the writes (a `$batch` once). */
  readonly runGraphRequests: number;
  readonly throttled: number;
  /** Graph requests as the emulator (and Outlook) counts them: plain requests and `$batch` items. */
  readonly emulatorGraphRequests: number;
  readonly storedEvents: number;
  readonly retriedJobs: number;
  readonly failedJobs: number;
  readonly deadJobs: number;
  readonly cpuSeconds: { readonly workers: readonly number[]; readonly emulator: number; readonly bench: number };
  readonly loadAverage: { readonly start: number; readonly end: number };
}

const progressEveryMs = 10_000;

export async function runPhase(context: PhaseContext): Promise<PhaseFigures> {
  const { db, label, people } = context;
  const before = await context.emulator.stats();
  let statsReads = 1;
  const cpuBefore = processCpu(context);
  const load = loadavg()[0] ?? 0;
  const marker = (await sql<{ now: string }>`select now()::text as now`.execute(db)).rows[0]?.now ?? '';
  const enqueueStarted = performance.now();
  await context.enqueue();
  const enqueueSeconds = (performance.now() - enqueueStarted) / 1000;
  const started = Date.now();
  let lastProgress = started;
  let lastChange = { at: started, finished: -1 };
  for (;;) {
    const state = await phaseState(context, marker);
    if (state.succeeded === people || state.pending === 0) break;
    if (state.finished !== lastChange.finished) lastChange = { at: Date.now(), finished: state.finished };
    const running = context.workers.filter(isRunning);
    if (running.length === 0) throw new Error(`${label}: every worker process has exited`);
    if (Date.now() - lastChange.at > context.stallSeconds * 1000) {
      throw new Error(
        `${label}: no run finished for ${context.stallSeconds} s (${state.finished} of ${people} people finished, ` +
          `${state.pending} jobs pending, ${running.length} of ${context.workers.length} workers running)`,
      );
    }
    if (Date.now() - lastProgress >= progressEveryMs) {
      lastProgress = Date.now();
      const stats = await context.emulator.stats();
      statsReads++;
      context.log(
        `${label}: ${state.succeeded} / ${people} people done, ${stats.storedEvents.toLocaleString('en-US')} events ` +
          `stored by the emulator, ${((Date.now() - started) / 1000).toFixed(0)} s`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const totals = await phaseTotals(context, marker);
  const after = await context.emulator.stats();
  const cpuAfter = processCpu(context);
  return {
    ...totals,
    enqueueSeconds,
    emulatorGraphRequests: after.graphRequests - before.graphRequests,
    graphHttpRequests: after.httpRequests - before.httpRequests - statsReads,
    storedEvents: after.storedEvents,
    cpuSeconds: {
      // A worker that exited meanwhile reads 0 (its CPU is lost with it).
      workers: cpuAfter.workers.map((seconds, i) => Math.max(0, seconds - (cpuBefore.workers[i] ?? 0))),
      emulator: cpuAfter.emulator - cpuBefore.emulator,
      bench: cpuAfter.bench - cpuBefore.bench,
    },
    loadAverage: { start: load, end: loadavg()[0] ?? 0 },
  };
}

function processCpu(context: PhaseContext) {
  return {
    workers: context.workers.map((worker) => (isRunning(worker) ? cpuSeconds(worker.pid) : 0)),
    emulator: context.emulatorPid === undefined ? 0 : cpuSeconds(context.emulatorPid),
    bench: cpuSeconds(process.pid),
  };
}

/** People finished and succeeded in this phase, and sync jobs not yet done (waiting, retrying or running). */
async function phaseState(context: PhaseContext, marker: string) {
  const runs = await sql<{ finished: string; succeeded: string }>`
    select count(distinct person_id) filter (where finished_at is not null) as finished,
           count(distinct person_id) filter (where outcome = 'succeeded') as succeeded
    from sync_run where started_at >= ${marker}::timestamptz`.execute(context.db);
  const jobs = await sql<{ pending: string }>`
    select count(*) as pending from ${sql.table(`${context.bossSchema}.job`)}
    where name in (${SYNC_ALL_QUEUE}, ${SYNC_PERSON_QUEUE}) and state in ('created', 'retry', 'active')`.execute(
    context.db,
  );
  return {
    finished: Number(runs.rows[0]?.finished ?? 0),
    succeeded: Number(runs.rows[0]?.succeeded ?? 0),
    pending: Number(jobs.rows[0]?.pending ?? 0),
  };
}

type Totals = Omit<
  PhaseFigures,
  'enqueueSeconds' | 'emulatorGraphRequests' | 'graphHttpRequests' | 'storedEvents' | 'cpuSeconds'
>;

async function phaseTotals(context: PhaseContext, marker: string): Promise<Omit<Totals, 'loadAverage'>> {
  const count = (key: string) => sql<string>`coalesce(sum((counts->>${key})::bigint), 0)`;
  const runs = await sql<Record<string, string | null>>`
    select extract(epoch from max(finished_at) - ${marker}::timestamptz) as seconds,
           count(distinct person_id) filter (where outcome = 'succeeded') as succeeded,
           ${count('created')} as created, ${count('updated')} as updated, ${count('deleted')} as deleted,
           ${count('adopted')} as adopted, ${count('failed')} as failed, ${count('graphRequests')} as requests,
           ${count('throttled')} as throttled
    from sync_run where started_at >= ${marker}::timestamptz`.execute(context.db);
  const failure = await sql<{ personId: string; outcome: string | null; error: string | null }>`
    select person_id, outcome, error from sync_run
    where started_at >= ${marker}::timestamptz and outcome is distinct from 'succeeded'
    order by started_at limit 1`.execute(context.db);
  const jobs = await sql<Record<string, string>>`
    select count(*) filter (where name = ${SYNC_PERSON_QUEUE} and retry_count > 0) as retried,
           count(*) filter (where name = ${SYNC_PERSON_QUEUE} and state = 'failed') as failed,
           count(*) filter (where name = ${SYNC_PERSON_DEAD_QUEUE}) as dead
    from ${sql.table(`${context.bossSchema}.job`)} where created_on >= ${marker}::timestamptz`.execute(context.db);
  const row = runs.rows[0] ?? {};
  const number = (value: string | null | undefined) => Number(value ?? 0);
  const first = failure.rows[0];
  const succeeded = number(row.succeeded);
  return {
    seconds: number(row.seconds),
    people: context.people,
    succeeded,
    notSucceeded: context.people - succeeded,
    firstFailure: first ? `${first.personId}: ${first.outcome ?? 'unfinished'} ${first.error ?? ''}`.trim() : null,
    created: number(row.created),
    updated: number(row.updated),
    deleted: number(row.deleted),
    adopted: number(row.adopted),
    failedWrites: number(row.failed),
    runGraphRequests: number(row.requests),
    throttled: number(row.throttled),
    retriedJobs: number(jobs.rows[0]?.retried),
    failedJobs: number(jobs.rows[0]?.failed),
    deadJobs: number(jobs.rows[0]?.dead),
  };
}

export function isRunning(worker: ServiceProcess): boolean {
  return worker.child.exitCode === null && worker.child.signalCode === null;
}

/** Events written to calendars in a phase (creates, updates, deletes). */
export function writtenEvents(figures: PhaseFigures): number {
  return figures.created + figures.updated + figures.deleted;
}

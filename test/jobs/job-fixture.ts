// What the job and service tests share: a database per test run (a PGlite folder, or a fresh PostgreSQL schema
// whose pg-boss schema beside it is dropped too), a configuration folder for the service against a test emulator,
// a university of students with timetables, and ways to wait for jobs and read the store's runs.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PgBoss } from 'pg-boss';
import { bossSchema } from '../../src/jobs/open-boss.ts';
import { SYNC_PERSON_QUEUE } from '../../src/jobs/queues.ts';
import type { SyncPersonJob } from '../../src/jobs/sync-job.ts';
import type { StoreDatabase } from '../../src/store/index.ts';
import { type DialectName, dropSchema, randomSchema, testDatabaseUrl } from '../store/dialects.ts';
import { type ConfigFolder, type DatabaseSection, writeConfigFolder } from '../support/config-file.ts';
import type { TestEmulator } from '../support/emulator.ts';
import { lectures, type TimetableJson } from '../support/engine.ts';
import type { Student } from '../support/university.ts';

export type { DatabaseSection };

export interface JobTestDatabase {
  readonly section: DatabaseSection;
  /** Drops the PostgreSQL schemas (the store's and pg-boss's); a PGlite folder is left to the OS's tmp. */
  drop(): Promise<void>;
}

export function jobTestDatabase(dialect: DialectName): JobTestDatabase {
  if (dialect === 'pglite') {
    return { section: { dataDir: join(mkdtempSync(join(tmpdir(), 'tts-jobs-db-')), 'data') }, drop: async () => {} };
  }
  const url = testDatabaseUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = randomSchema('jobs');
  return {
    section: { url, schema },
    drop: async () => {
      await dropSchema(url, bossSchema(schema));
      await dropSchema(url, schema);
    },
  };
}

export type ServiceFolder = ConfigFolder;

/** A configuration folder (see config-file.ts) with this database and a `service` section with short timings. */
export function writeServiceConfig(
  emulator: TestEmulator,
  timetable: TimetableJson,
  database: DatabaseSection,
  service: Record<string, unknown> = {},
): ServiceFolder {
  return writeConfigFolder(emulator, timetable, {
    database,
    service: { jobHeartbeatSeconds: 10, monitorIntervalSeconds: 2, pollingIntervalSeconds: 0.5, ...service },
  });
}

/** Every student with `events` weekly lectures (keys prefixed with their id). */
export function universityTimetable(
  list: readonly Student[],
  events: (student: Student) => Record<string, unknown>[] = (s) => lectures(s.personId, 3),
): TimetableJson {
  return {
    timeZone: 'Europe/Amsterdam',
    people: list.map((student) => ({ id: student.personId, mailbox: student.upn, events: events(student) })),
  };
}

/** Polls until `check` returns a value (not undefined); gives up with a message naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: { readonly timeoutMs?: number; readonly intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}

export type JobState = 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';

export interface SyncJobRow {
  readonly id: string;
  readonly state: JobState;
  readonly data: SyncPersonJob;
  readonly output: Record<string, unknown> | null;
  readonly retryCount: number;
  readonly startAfter: Date;
  readonly priority: number;
}

export async function personJobs(boss: PgBoss, personId: string): Promise<SyncJobRow[]> {
  const jobs = await boss.findJobs<SyncPersonJob>(SYNC_PERSON_QUEUE, { key: personId });
  return jobs.map((job) => ({
    id: job.id,
    state: job.state,
    data: job.data,
    output: (job.output as Record<string, unknown> | null) ?? null,
    retryCount: job.retryCount,
    startAfter: job.startAfter,
    priority: job.priority,
  }));
}

/** Waits until the job is completed or failed, and returns it. */
export function settledJob(boss: PgBoss, personId: string, jobId: string): Promise<SyncJobRow> {
  return waitFor(`job ${jobId} of ${personId} to settle`, async () => {
    const job = (await personJobs(boss, personId)).find((j) => j.id === jobId);
    return job && (job.state === 'completed' || job.state === 'failed') ? job : undefined;
  });
}

export interface RunInterval {
  readonly personId: string;
  readonly kind: string;
  readonly outcome: string | null;
  readonly startedAt: number;
  readonly finishedAt: number | null;
}

/** Every run in the store, oldest first (started and finished by the database clock). */
export async function runIntervals(store: StoreDatabase): Promise<RunInterval[]> {
  const rows = await store.db
    .selectFrom('syncRun')
    .select(['personId', 'kind', 'outcome', 'startedAt', 'finishedAt'])
    .orderBy('startedAt')
    .execute();
  return rows.map((row) => ({
    personId: row.personId,
    kind: row.kind,
    outcome: row.outcome,
    startedAt: new Date(row.startedAt as unknown as string).getTime(),
    finishedAt: row.finishedAt === null ? null : new Date(row.finishedAt as unknown as string).getTime(),
  }));
}

/**
 * Pairs of runs of one person that were under way at the same time (a run its process never finished counts
 * as going on until `unfinishedUntil`, e.g. the moment that process was killed).
 */
export function overlappingRuns(runs: readonly RunInterval[], unfinishedUntil = Number.POSITIVE_INFINITY): string[] {
  const byPerson = new Map<string, RunInterval[]>();
  for (const run of runs) byPerson.set(run.personId, [...(byPerson.get(run.personId) ?? []), run]);
  const overlaps: string[] = [];
  for (const [personId, list] of byPerson) {
    const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1] as RunInterval;
      const after = sorted[i] as RunInterval;
      const end = before.finishedAt ?? unfinishedUntil;
      if (after.startedAt < end) {
        overlaps.push(
          `${personId}: a run started at ${iso(after.startedAt)} while one from ${iso(before.startedAt)} ran`,
        );
      }
    }
  }
  return overlaps;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

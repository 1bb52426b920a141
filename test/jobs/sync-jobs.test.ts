// The job layer end to end on each database: people's syncs enqueued through pg-boss, worked by the service's
// workers against the emulator, and what an admin would check afterwards — each calendar exact, one run per
// person at a time, a change that arrives during a run synced after it, a throttled mailbox handed to a later
// job while the worker moves on.
import { fromKysely, type PgBoss } from 'pg-boss';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import { enqueuePersonSync } from '../../src/jobs/enqueue-person-sync.ts';
import { SYNC_PERSON_QUEUE } from '../../src/jobs/queues.ts';
import { enqueueSyncAll } from '../../src/jobs/schedules.ts';
import { startWorkers } from '../../src/jobs/start-workers.ts';
import { type RunningService, startService } from '../../src/service/start-service.ts';
import { createSource } from '../../src/source/index.ts';
import { describeEachDialect } from '../store/dialects.ts';
import { foreign, inspectMailbox, mailboxProblems, ours, safetyProblems } from '../support/calendar-check.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { setLimits } from '../support/emulator-control.ts';
import { lectures, type TimetableJson } from '../support/engine.ts';
import { type Student, students, withStudents } from '../support/university.ts';
import {
  type JobTestDatabase,
  jobTestDatabase,
  overlappingRuns,
  personJobs,
  runIntervals,
  type ServiceFolder,
  settledJob,
  universityTimetable,
  waitFor,
  writeServiceConfig,
} from './job-fixture.ts';

describeEachDialect('sync jobs', (dialect) => {
  const list = students(7, 'jb');
  const [s0, s1, s2, s3, s4, s5, s6] = list as [Student, Student, Student, Student, Student, Student, Student];
  let emulator: TestEmulator;
  const foreignBefore = new Map<string, Awaited<ReturnType<typeof inspectMailbox>>>();

  beforeAll(async () => {
    emulator = await startTestEmulator({ extraSeed: withStudents(list) });
    for (const student of list) foreignBefore.set(student.upn, foreign(await inspectMailbox(emulator, student.upn)));
  });
  afterAll(async () => {
    await emulator?.close();
  });

  interface Running {
    readonly service: RunningService;
    readonly boss: PgBoss;
    readonly folder: ServiceFolder;
    readonly lines: string[];
    stop(): Promise<void>;
  }

  /** A fresh database and a service (no scheduler, no web) with `workers` workers. */
  async function startJobs(
    workers: number,
    timetable: TimetableJson = universityTimetable(list),
    service: Record<string, unknown> = {},
  ): Promise<Running> {
    const database: JobTestDatabase = jobTestDatabase(dialect.name);
    const folder = writeServiceConfig(emulator, timetable, database.section, service);
    const lines: string[] = [];
    const running = await startService({
      config: folder.load(),
      workers,
      scheduler: false,
      webPort: null,
      name: 'test',
      log: (line) => lines.push(line),
    });
    return {
      service: running,
      boss: running.boss,
      folder,
      lines,
      stop: async () => {
        await running.stop();
        await database.drop();
      },
    };
  }

  async function problemsOf(config: Config, student: Student): Promise<string[]> {
    const reader = { config, source: createSource(config.source) };
    return mailboxProblems(emulator, reader, student, foreignBefore.get(student.upn) ?? []);
  }

  it('syncs an enqueued person through a worker: their calendar ends exactly as the timetable says', async () => {
    const jobs = await startJobs(2);
    try {
      const pushed = await enqueuePersonSync(jobs.boss, s0.personId, 'push');
      const asked = await enqueuePersonSync(jobs.boss, s1.personId, 'manual');
      const done = await settledJob(jobs.boss, s0.personId, pushed.jobId);
      expect(done.state).toBe('completed');
      expect(done.output).toMatchObject({ status: 'succeeded', counts: { created: 3, failed: 0 } });
      expect(done.output?.changeToOutlookMs).toEqual(expect.any(Number));
      expect((await settledJob(jobs.boss, s1.personId, asked.jobId)).output).toMatchObject({ status: 'succeeded' });
      const config = jobs.service.engine.config;
      expect(await problemsOf(config, s0)).toEqual([]);
      expect(await problemsOf(config, s1)).toEqual([]);
      expect(jobs.lines).toContainEqual(
        expect.stringMatching(new RegExp(`^sync-person ${s0.personId} <${s0.upn}> sync/push: succeeded — created 3`)),
      );
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('keeps one job per person however often it is asked for, and never runs a person twice at once', async () => {
    const jobs = await startJobs(0);
    try {
      const requests = Array.from({ length: 20 }, (_, i) =>
        enqueuePersonSync(jobs.boss, s2.personId, i === 7 ? 'manual' : i % 2 === 0 ? 'schedule' : 'push', {
          kind: i === 11 ? 'reconcile' : 'sync',
        }),
      );
      const enqueued = await Promise.all(requests);
      expect(new Set(enqueued.map((e) => e.jobId)).size).toBe(1);
      expect(enqueued.filter((e) => !e.merged)).toHaveLength(1);
      const [waiting, ...more] = await personJobs(jobs.boss, s2.personId);
      expect(more).toEqual([]);
      // The one job stands for the strongest request: a reconcile, asked for by an admin, ahead of scheduled work.
      expect(waiting).toMatchObject({ state: 'created', data: { kind: 'reconcile', reason: 'manual' }, priority: 10 });

      // Now with four workers, and more requests arriving while the person's job runs.
      const { engine } = jobs.service;
      await startWorkers(jobs.boss, engine, {
        concurrency: 4,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: () => {},
      });
      for (let burst = 0; burst < 3; burst++) {
        await Promise.all(Array.from({ length: 10 }, () => enqueuePersonSync(jobs.boss, s2.personId, 'push')));
        const states = (await personJobs(jobs.boss, s2.personId)).map((j) => j.state);
        expect(states.filter((state) => state === 'created').length).toBeLessThanOrEqual(1);
        expect(states.filter((state) => state === 'active').length).toBeLessThanOrEqual(1);
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      await waitFor('every job of the person to finish', async () => {
        const open = (await personJobs(jobs.boss, s2.personId)).filter(
          (j) => !['completed', 'failed'].includes(j.state),
        );
        return open.length === 0 ? true : undefined;
      });
      const all = await personJobs(jobs.boss, s2.personId);
      expect(all.length).toBeLessThan(31);
      expect(all.every((j) => j.state === 'completed')).toBe(true);
      const runs = (await runIntervals(engine.store)).filter((r) => r.personId === s2.personId);
      expect(runs).toHaveLength(all.length);
      expect(overlappingRuns(runs)).toEqual([]);
      expect(await problemsOf(engine.config, s2)).toEqual([]);
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('syncs a change that arrives while the person’s job is running right after that job', async () => {
    const original = universityTimetable(list);
    const jobs = await startJobs(2, original);
    await setLimits(emulator, { latencyMs: { min: 300, max: 300 } });
    try {
      const first = await enqueuePersonSync(jobs.boss, s3.personId, 'push');
      // The run has read the timetable and listed the calendar; its creates are on their way.
      await waitFor('the first run to reach the mailbox', async () => {
        const stats = await emulator.fetch(`${emulator.url}/_emulator/stats`).then((r) => r.json());
        const row = (
          stats as { perApplicationMailbox: { mailbox: string; requests: number }[] }
        ).perApplicationMailbox.find((m) => m.mailbox.toLowerCase() === s3.userId.toLowerCase());
        return row && row.requests > 0 ? true : undefined;
      });
      expect((await personJobs(jobs.boss, s3.personId)).find((j) => j.id === first.jobId)?.state).toBe('active');
      const changed = {
        ...original,
        people: original.people.map((p) =>
          p.id === s3.personId
            ? { ...p, events: p.events.map((e, i) => (i === 0 ? { ...e, title: 'Moved to Hall B' } : e)) }
            : p,
        ),
      };
      jobs.folder.writeTimetable(changed);
      const second = await enqueuePersonSync(jobs.boss, s3.personId, 'push');
      expect(second).toMatchObject({ merged: false });
      expect(second.jobId).not.toBe(first.jobId);

      expect((await settledJob(jobs.boss, s3.personId, first.jobId)).output).toMatchObject({ counts: { created: 3 } });
      expect((await settledJob(jobs.boss, s3.personId, second.jobId)).output).toMatchObject({
        status: 'succeeded',
        counts: { updated: 1 },
      });
      const [run1, run2, ...others] = (await runIntervals(jobs.service.engine.store)).filter(
        (r) => r.personId === s3.personId,
      );
      expect(others).toEqual([]);
      expect(run2?.startedAt).toBeGreaterThanOrEqual(run1?.finishedAt ?? Number.POSITIVE_INFINITY);
      expect(await problemsOf(jobs.service.engine.config, s3)).toEqual([]);
    } finally {
      await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });
      await jobs.stop();
    }
  }, 90_000);

  it('queues everyone from the schedule’s sync-all job, one job per person', async () => {
    const jobs = await startJobs(0);
    try {
      await enqueueSyncAll(jobs.boss, 'sync', 'schedule');
      await startWorkers(jobs.boss, jobs.service.engine, {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: (line) => jobs.lines.push(line),
      });
      await jobs.boss.offWork(SYNC_PERSON_QUEUE);
      const line = await waitFor('the fan-out', async () => jobs.lines.find((l) => l.startsWith('sync-all sync:')));
      expect(line).toContain(`${list.length} people, ${list.length} queued`);
      for (const student of list) {
        expect(await personJobs(jobs.boss, student.personId)).toMatchObject([
          { state: 'created', data: { kind: 'sync', reason: 'schedule' }, priority: 0 },
        ]);
      }
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('turns a sync already waiting into the reconcile everyone is queued for', async () => {
    const jobs = await startJobs(0);
    try {
      // Deferred, as after a throttled run: it still waits when the reconcile is queued.
      const startAfter = new Date(Date.now() + 120_000);
      await enqueuePersonSync(jobs.boss, s0.personId, 'push', { startAfter });
      await enqueueSyncAll(jobs.boss, 'reconcile', 'schedule');
      await startWorkers(jobs.boss, jobs.service.engine, {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: (line) => jobs.lines.push(line),
      });
      await jobs.boss.offWork(SYNC_PERSON_QUEUE);
      const line = await waitFor('the fan-out', async () =>
        jobs.lines.find((l) => l.startsWith('sync-all reconcile:')),
      );
      expect(line).toContain(`${list.length} people, ${list.length - 1} queued`);
      expect(await personJobs(jobs.boss, s0.personId)).toMatchObject([
        { state: 'created', data: { kind: 'reconcile', reason: 'push' } },
      ]);
      expect(await personJobs(jobs.boss, s1.personId)).toMatchObject([
        { state: 'created', data: { kind: 'reconcile', reason: 'schedule' } },
      ]);
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('hands a throttled mailbox to a later job after its Retry-After, and the worker goes on with others', async () => {
    // s4 has more events than the mailbox may take in ten minutes; s5's few fit. One worker only.
    const timetable = universityTimetable(list, (s) => lectures(s.personId, s === s4 ? 30 : 3));
    const jobs = await startJobs(1, timetable, { throttleDeferSeconds: 5 });
    await setLimits(emulator, { mailboxRequestsPer10Minutes: 12 });
    try {
      const throttled = await enqueuePersonSync(jobs.boss, s4.personId, 'push');
      const other = await enqueuePersonSync(jobs.boss, s5.personId, 'push');
      const first = await settledJob(jobs.boss, s4.personId, throttled.jobId);
      expect(first.state).toBe('completed');
      expect(first.output).toMatchObject({ status: 'partial', code: 'MAILBOX_THROTTLED' });
      const followUp = first.output?.followUp as { jobId: string; startAfter: string };
      // The emulator's Retry-After is when the ten-minute window frees up: minutes, not seconds.
      expect(Date.parse(followUp.startAfter)).toBeGreaterThan(Date.now() + 60_000);

      // Meanwhile the single worker was free for the next person.
      expect((await settledJob(jobs.boss, s5.personId, other.jobId)).output).toMatchObject({ status: 'succeeded' });
      expect(await problemsOf(jobs.service.engine.config, s5)).toEqual([]);

      const waiting = (await personJobs(jobs.boss, s4.personId)).find((j) => j.id === followUp.jobId);
      expect(waiting).toMatchObject({ state: 'created', data: { reason: 'retry', changedAt: first.data.changedAt } });
      expect(waiting?.startAfter.getTime()).toBe(Date.parse(followUp.startAfter));
      const partial = await inspectMailbox(emulator, s4.upn);
      expect(ours(partial).length).toBeGreaterThan(0);
      expect(ours(partial).length).toBeLessThan(30);
      expect(safetyProblems(partial, foreignBefore.get(s4.upn) ?? [])).toEqual([]);

      // An admin asks for a reconcile before the Retry-After has passed: it joins the waiting follow-up (which
      // keeps its time). Run early, its listing is throttled now, and again the job ends with a follow-up.
      const asked = await enqueuePersonSync(jobs.boss, s4.personId, 'manual', { kind: 'reconcile' });
      expect(asked).toEqual({ jobId: followUp.jobId, merged: true });
      await jobs.boss.update(SYNC_PERSON_QUEUE, undefined, { id: followUp.jobId, startAfter: new Date() });
      const listed = await settledJob(jobs.boss, s4.personId, followUp.jobId);
      expect(listed.output).toMatchObject({ status: 'failed', code: 'ApplicationThrottled' });
      const next = listed.output?.followUp as { jobId: string; startAfter: string };
      expect(Date.parse(next.startAfter)).toBeGreaterThan(Date.now() + 60_000);

      // The Retry-After passes (the limit lifts, the follow-up's time comes): the rest is written, once.
      await setLimits(emulator, { mailboxRequestsPer10Minutes: 10_000 });
      await jobs.boss.update(SYNC_PERSON_QUEUE, undefined, { id: next.jobId, startAfter: new Date() });
      const rest = await settledJob(jobs.boss, s4.personId, next.jobId);
      expect(rest.output).toMatchObject({ status: 'succeeded', counts: { failed: 0 } });
      expect(rest.data).toMatchObject({ kind: 'reconcile', reason: 'retry', changedAt: first.data.changedAt });
      expect(rest.output?.changeToOutlookMs).toBeGreaterThan(0);
      expect(await problemsOf(jobs.service.engine.config, s4)).toEqual([]);
    } finally {
      await setLimits(emulator, { mailboxRequestsPer10Minutes: 10_000 });
      await jobs.stop();
    }
  }, 90_000);

  it('enqueues in the caller’s transaction: the job exists only if the write that causes it commits', async () => {
    const jobs = await startJobs(0);
    try {
      const { db } = jobs.service.engine.store;
      await expect(
        db.transaction().execute(async (trx) => {
          await enqueuePersonSync(jobs.boss, s6.personId, 'push', { db: fromKysely(trx) });
          throw new Error('the timetable write failed');
        }),
      ).rejects.toThrow('the timetable write failed');
      expect(await personJobs(jobs.boss, s6.personId)).toEqual([]);
      const [first, second] = await db
        .transaction()
        .execute(async (trx) => [
          await enqueuePersonSync(jobs.boss, s6.personId, 'schedule', { db: fromKysely(trx) }),
          await enqueuePersonSync(jobs.boss, s6.personId, 'push', { db: fromKysely(trx) }),
        ]);
      expect(second).toEqual({ jobId: first?.jobId, merged: true });
      expect(await personJobs(jobs.boss, s6.personId)).toMatchObject([
        { state: 'created', data: { reason: 'push' }, priority: 10 },
      ]);
    } finally {
      await jobs.stop();
    }
  }, 90_000);

  it('keeps a dry run apart from the person’s sync job and writes nothing', async () => {
    const jobs = await startJobs(0);
    try {
      const sync = await enqueuePersonSync(jobs.boss, s6.personId, 'manual');
      const dry = await enqueuePersonSync(jobs.boss, s6.personId, 'manual', { kind: 'dry-run' });
      expect(dry.jobId).not.toBe(sync.jobId);
      await jobs.boss.deleteJob(SYNC_PERSON_QUEUE, sync.jobId);
      await startWorkers(jobs.boss, jobs.service.engine, {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: () => {},
      });
      expect((await settledJob(jobs.boss, `${s6.personId}#dry-run`, dry.jobId)).output).toMatchObject({
        status: 'planned',
        counts: { created: 3 },
      });
      expect(ours(await inspectMailbox(emulator, s6.upn))).toEqual([]);
    } finally {
      await jobs.stop();
    }
  }, 90_000);
});

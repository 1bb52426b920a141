// `timetable-sync worker` as a process: SIGTERM while it syncs someone lets that run finish (or, past
// service.shutdownTimeoutSeconds, hands it back to the queue) and exits 0; the jobs it had not started stay
// queued for the next worker. Nothing is lost and no calendar gets a duplicate.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import { enqueuePersonSync } from '../../src/jobs/enqueue-person-sync.ts';
import { SYNC_PERSON_QUEUE } from '../../src/jobs/queues.ts';
import { startWorkers } from '../../src/jobs/start-workers.ts';
import { type RunningService, startService } from '../../src/service/start-service.ts';
import { createSource } from '../../src/source/index.ts';
import {
  jobTestDatabase,
  personJobs,
  runIntervals,
  type ServiceFolder,
  settledJob,
  universityTimetable,
  waitFor,
  writeServiceConfig,
} from '../jobs/job-fixture.ts';
import { describeEachDialect } from '../store/dialects.ts';
import { foreign, inspectMailbox, mailboxProblems } from '../support/calendar-check.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { setLimits } from '../support/emulator-control.ts';
import { lectures } from '../support/engine.ts';
import { type Student, students, withStudents } from '../support/university.ts';
import { spawnService } from './worker-process.ts';

describeEachDialect('worker shutdown', (dialect) => {
  const list = students(6, 'gs');
  let emulator: TestEmulator;
  const foreignBefore = new Map<string, Awaited<ReturnType<typeof inspectMailbox>>>();

  beforeAll(async () => {
    emulator = await startTestEmulator({ extraSeed: withStudents(list) });
    for (const student of list) foreignBefore.set(student.upn, foreign(await inspectMailbox(emulator, student.upn)));
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const openQueue = (folder: ServiceFolder): Promise<RunningService> =>
    startService({ config: folder.load(), workers: 0, scheduler: false, webPort: null, name: 'test', log: () => {} });

  async function problemsOf(config: Config, student: Student): Promise<string[]> {
    const reader = { config, source: createSource(config.source) };
    return mailboxProblems(emulator, reader, student, foreignBefore.get(student.upn) ?? []);
  }

  /** Waits until the emulator has answered a request for the student's mailbox: their run is under way. */
  function runReaches(student: Student): Promise<true> {
    return waitFor(`a request for ${student.upn}`, async () => {
      const stats = (await emulator.fetch(`${emulator.url}/_emulator/stats`).then((r) => r.json())) as {
        perApplicationMailbox: { mailbox: string; requests: number }[];
      };
      const row = stats.perApplicationMailbox.find((m) => m.mailbox.toLowerCase() === student.userId.toLowerCase());
      return row && row.requests > 0 ? true : undefined;
    });
  }

  it('finishes the running job on SIGTERM, exits 0, and leaves the others queued', async () => {
    const [a, b, c] = list as [Student, Student, Student];
    const database = jobTestDatabase(dialect.name);
    const timetable = universityTimetable(list, (s) => lectures(s.personId, 40));
    const folder = writeServiceConfig(emulator, timetable, database.section, { shutdownTimeoutSeconds: 60 });
    let queue = await openQueue(folder);
    const ids = [];
    for (const student of [a, b, c]) ids.push((await enqueuePersonSync(queue.boss, student.personId, 'push')).jobId);
    await queue.stop();
    await setLimits(emulator, { latencyMs: { min: 100, max: 100 } });
    try {
      const worker = spawnService('worker', ['--config', folder.configPath, '--concurrency', '1']);
      await worker.waitForLine(/^worker \d+: 1 job\(s\) at once/);
      await runReaches(a);
      worker.signal('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      expect(worker.lines).toContainEqual(
        expect.stringMatching(new RegExp(`^sync-person ${a.personId} .*: succeeded`)),
      );
      expect(worker.lines).toContainEqual(expect.stringMatching(/^worker \d+: stopped$/));

      queue = await openQueue(folder);
      expect((await personJobs(queue.boss, a.personId)).map((j) => j.state)).toEqual(['completed']);
      expect((await personJobs(queue.boss, b.personId)).map((j) => j.state)).toEqual(['created']);
      expect((await personJobs(queue.boss, c.personId)).map((j) => j.state)).toEqual(['created']);
      expect((await runIntervals(queue.engine.store)).every((run) => run.finishedAt !== null)).toBe(true);
      expect(await problemsOf(queue.engine.config, a)).toEqual([]);

      // The next worker takes what was left.
      await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });
      await startWorkers(queue.boss, queue.engine, {
        concurrency: 2,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: () => {},
      });
      for (const [i, student] of [b, c].entries()) await settledJob(queue.boss, student.personId, ids[i + 1] as string);
      for (const student of [a, b, c]) expect(await problemsOf(queue.engine.config, student)).toEqual([]);
      await queue.stop();
    } finally {
      await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });
      await database.drop();
    }
  }, 120_000);

  it('hands a job that outlasts the shutdown timeout back to the queue, and the next worker completes it once', async () => {
    const [, , , d] = list as [Student, Student, Student, Student];
    const database = jobTestDatabase(dialect.name);
    const timetable = universityTimetable(list, (s) => lectures(s.personId, 40));
    const folder = writeServiceConfig(emulator, timetable, database.section, { shutdownTimeoutSeconds: 1 });
    let queue = await openQueue(folder);
    const { jobId } = await enqueuePersonSync(queue.boss, d.personId, 'push');
    await queue.stop();
    await setLimits(emulator, { latencyMs: { min: 400, max: 400 } });
    try {
      const worker = spawnService('worker', ['--config', folder.configPath, '--concurrency', '1']);
      await runReaches(d);
      worker.signal('SIGTERM');
      expect(await worker.exited).toEqual({ code: 0, signal: null });
      await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });

      queue = await openQueue(folder);
      const [handedBack] = await personJobs(queue.boss, d.personId);
      expect(handedBack).toMatchObject({ id: jobId, state: 'retry' });
      // Its retry waits out a backoff (so the stopped process is gone before anyone else writes); skip the wait.
      await queue.boss.update(SYNC_PERSON_QUEUE, undefined, { id: jobId, startAfter: new Date() });
      await startWorkers(queue.boss, queue.engine, {
        concurrency: 1,
        pollingIntervalSeconds: 0.5,
        maxThrottleWaitMs: 5000,
        log: () => {},
      });
      const done = await settledJob(queue.boss, d.personId, jobId);
      expect(done).toMatchObject({ state: 'completed', retryCount: 1, output: { status: 'succeeded' } });
      expect(await problemsOf(queue.engine.config, d)).toEqual([]);
      await queue.stop();
    } finally {
      await setLimits(emulator, { latencyMs: { min: 0, max: 0 } });
      await database.drop();
    }
  }, 120_000);
});

// `timetable-sync serve`, the embedded default: one process with the web server, the scheduler and workers on
// PGlite. It answers on its port, syncs everyone as it starts, keeps the periodic schedules in the database, and
// stops cleanly (exit 0) on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_ALL_QUEUE } from '../../src/jobs/queues.ts';
import { startService } from '../../src/service/start-service.ts';
import { createSource } from '../../src/source/index.ts';
import { jobTestDatabase, universityTimetable, writeServiceConfig } from '../jobs/job-fixture.ts';
import { foreign, inspectMailbox, mailboxProblems } from '../support/calendar-check.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { students, withStudents } from '../support/university.ts';
import { spawnService } from './worker-process.ts';

describe('timetable-sync serve', () => {
  const list = students(4, 'sv');
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator({ extraSeed: withStudents(list) });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('serves the web pages, syncs everyone, keeps the schedules, and exits 0 on SIGTERM', async () => {
    const foreignBefore = new Map<string, Awaited<ReturnType<typeof inspectMailbox>>>();
    for (const student of list) foreignBefore.set(student.upn, foreign(await inspectMailbox(emulator, student.upn)));
    const database = jobTestDatabase('pglite');
    const folder = writeServiceConfig(emulator, universityTimetable(list), database.section, {
      syncIntervalMinutes: 30,
    });
    const serve = spawnService('serve', ['--config', folder.configPath, '--port', '0']);
    const listening = await serve.waitForLine(/^web: listening on /);
    const url = /listening on (\S+)/.exec(listening)?.[1] as string;
    const home = await fetch(url);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    for (const student of list) await serve.waitForLine(new RegExp(`^sync-person ${student.personId} .*: succeeded`));
    serve.signal('SIGTERM');
    expect(await serve.exited).toEqual({ code: 0, signal: null });
    expect(serve.lines).toContainEqual(expect.stringMatching(/^serve \d+: stopped$/));

    // The embedded database is free again: what did serve leave in it?
    const after = await startService({
      config: folder.load(),
      workers: 0,
      scheduler: false,
      webPort: null,
      name: 'test',
      log: () => {},
    });
    try {
      const schedules = await after.boss.getSchedules(SYNC_ALL_QUEUE);
      expect(schedules.map((s) => [s.key, s.cron]).sort()).toEqual([
        ['reconcile', 'DTSTART:20000101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=1440'],
        ['sync', 'DTSTART:20000101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=30'],
      ]);
      const config = after.engine.config;
      const reader = { config, source: createSource(config.source) };
      for (const student of list) {
        expect(await mailboxProblems(emulator, reader, student, foreignBefore.get(student.upn) ?? [])).toEqual([]);
      }
    } finally {
      await after.stop();
    }
  }, 120_000);
});

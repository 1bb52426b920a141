// The daily prune as the service runs it, on each database: the scheduler keeps a daily `prune-history` schedule,
// and a worker works its job with the configured retention, logging one line and leaving its counts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PRUNE_HISTORY_QUEUE } from '../../src/jobs/queues.ts';
import { startService } from '../../src/service/start-service.ts';
import { appendGraphWrites } from '../../src/store/graph-write.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { finishRun, startRun } from '../../src/store/sync-run.repository.ts';
import { NO_COUNTS } from '../../src/store/sync-run.table.ts';
import { describeEachDialect } from '../store/dialects.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { jobTestDatabase, universityTimetable, waitFor, writeServiceConfig } from './job-fixture.ts';

const DAY = 86_400_000;

describeEachDialect('the daily prune of the run history', (dialect) => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(async () => {
    await emulator?.close();
  });

  it('is scheduled once a day, and its job removes what is past service.keepHistoryDays', async () => {
    const database = jobTestDatabase(dialect.name);
    // Nobody in the timetable: a scheduled sync that fires during the test has nobody to sync.
    const folder = writeServiceConfig(emulator, universityTimetable([]), database.section, { keepHistoryDays: 7 });
    const lines: string[] = [];
    const service = await startService({
      config: folder.load(),
      workers: 1,
      scheduler: true,
      webPort: null,
      name: 'test',
      log: (line) => lines.push(line),
    });
    try {
      const schedules = await service.boss.getSchedules(PRUNE_HISTORY_QUEUE);
      expect(schedules.map((s) => [s.key, s.cron, s.timezone])).toEqual([['prune-history', '17 3 * * *', 'UTC']]);

      const { db } = service.engine.store;
      await upsertPeople(db, [{ id: 'p1', mailbox: 'p1@uni.example', authMode: 'application' }]);
      const run = async (ageDays: number, created: number) => {
        const started = await startRun(db, { personId: 'p1', kind: 'sync' });
        await finishRun(db, started.id, { outcome: 'succeeded', counts: { ...NO_COUNTS, created } });
        const at = new Date(Date.now() - ageDays * DAY);
        await db.updateTable('syncRun').set({ startedAt: at, finishedAt: at }).where('id', '=', started.id).execute();
        const write = { runId: started.id, personId: 'p1', action: 'create' as const, status: 201, errorCode: null };
        await appendGraphWrites(
          db,
          Array.from({ length: created }, (_, i) => ({ ...write, sourceKey: `k${i}`, graphId: `g${i}` })),
        );
        return started.id;
      };
      // Ten days old: kept by the default of 30 days, past the 7 configured here.
      await run(10, 2);
      const recent = await run(5, 1);
      const latest = await run(0, 0);

      const jobId = await service.boss.send(PRUNE_HISTORY_QUEUE, {});
      if (jobId === null) throw new Error('the prune-history job was not created');
      const job = await waitFor('the prune-history job to finish', async () => {
        const found = await service.boss.getJobById(PRUNE_HISTORY_QUEUE, jobId);
        return found && (found.state === 'completed' || found.state === 'failed') ? found : undefined;
      });
      expect(job.state).toBe('completed');
      expect(job.output).toMatchObject({ runs: 1, writes: 2, complete: true });
      expect(lines).toContainEqual(
        expect.stringMatching(
          /^prune-history: removed 1 runs and 2 writes older than \S+Z \(unchanged runs older than \S+Z\); \d+ ms$/,
        ),
      );
      const left = await db.selectFrom('syncRun').select('id').execute();
      expect(left.map((row) => row.id).sort()).toEqual([recent, latest].sort());
      expect(await db.selectFrom('graphWrite').select('runId').execute()).toEqual([{ runId: recent }]);
    } finally {
      await service.stop();
      await database.drop();
    }
  }, 90_000);
});

// A worker started while PostgreSQL restarts waits for it (saying so) instead of exiting; a database that waiting
// cannot bring (a wrong name), or a wait of 0, fails at once. Against a private server the test restarts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Config } from '../../src/config/index.ts';
import { startServiceWhenReachable } from '../../src/service/start-when-reachable.ts';
import { universityTimetable, writeServiceConfig } from '../jobs/job-fixture.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import {
  describeWithPrivatePostgres,
  type PrivatePostgres,
  startPrivatePostgres,
} from '../support/private-postgres.ts';
import { students } from '../support/university.ts';

describeWithPrivatePostgres('starting while the database cannot be reached', () => {
  let emulator: TestEmulator;
  let postgres: PrivatePostgres;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    postgres = await startPrivatePostgres();
  });
  afterAll(async () => {
    await postgres?.stop();
    await emulator?.close();
  });

  function config(url: string, startupWaitSeconds: number): Config {
    const timetable = universityTimetable(students(1, 'wait'));
    return writeServiceConfig(emulator, timetable, { url, schema: 'startup' }, { startupWaitSeconds }).load();
  }

  const start = (cfg: Config, log: string[]) =>
    startServiceWhenReachable(
      { config: cfg, workers: 1, scheduler: false, webPort: null, name: 'worker', log: (line) => log.push(line) },
      { retryEveryMs: 250 },
    );

  it('waits for a restarting server and then starts', async () => {
    const restarted = postgres.restart({ downMs: 2500 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const log: string[] = [];
    const service = await start(config(postgres.url, 30), log);
    await restarted;
    await service.stop();
    expect(log.filter((line) => line.includes('the database cannot be reached')).length).toBeGreaterThan(0);
    expect(log[0]).toMatch(/^worker: the database cannot be reached \(.+\); trying again in 0\.25 s \(attempt 1;/);
  }, 60_000);

  it('fails at once for a database that does not exist, and when told not to wait', async () => {
    const log: string[] = [];
    await expect(start(config(postgres.url.replace(/\/postgres$/, '/no_such_db'), 30), log)).rejects.toThrow(
      /no_such_db/,
    );
    const restarted = postgres.restart({ downMs: 1500 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await expect(start(config(postgres.url, 0), log)).rejects.toThrow();
    await restarted;
    expect(log).toEqual([]);
  }, 60_000);
});

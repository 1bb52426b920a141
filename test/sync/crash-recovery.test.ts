// The sync process killed (SIGKILL: no cleanup, no last words) in the middle of writing, then run again: the
// calendars end exactly right, with no duplicates and nothing of the owners' touched, and the database the killed
// processes left behind opens again. On embedded PGlite always, and on PostgreSQL when TEST_DATABASE_URL is set.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSource } from '../../src/source/index.ts';
import { dropSchema, randomSchema, testDatabaseUrl } from '../store/dialects.ts';
import {
  calendarProblems,
  desiredNow,
  foreign,
  type InspectedEvent,
  inspectMailbox,
} from '../support/calendar-check.ts';
import { type ConfigFolder, writeConfigFolder } from '../support/config-file.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { emulatorStats, setLimits } from '../support/emulator-control.ts';
import { lectures, type TimetableJson } from '../support/engine.ts';
import { students, withStudents } from '../support/university.ts';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const people = students(6, 'crash');
const timetable: TimetableJson = {
  timeZone: 'Europe/Amsterdam',
  people: people.map((p) => ({ id: p.personId, mailbox: p.upn, events: lectures(p.personId, 40) })),
};
const total = people.length * 40;

interface Cli {
  readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stdout: () => string;
  /** Both streams, for failure messages. */
  readonly output: () => string;
}

function startCli(folder: ConfigFolder, ...extra: string[]): Cli {
  // The Node.js running this test runs TypeScript itself: spawn it directly, so SIGKILL hits the sync process.
  const child = spawn(process.execPath, ['bin/timetable-sync.js', 'sync', '--config', folder.configPath, ...extra], {
    cwd: repo,
    env: { ...process.env, TIMETABLE_SYNC_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let output = '';
  child.stdout?.on('data', (chunk) => {
    stdout += String(chunk);
    output += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, stdout: () => stdout, output: () => output };
}

const postgresUrl = testDatabaseUrl();

describe.each([{ database: 'pglite' }, ...(postgresUrl ? [{ database: 'postgres' }] : [])])(
  'a sync killed mid-run ($database)',
  ({ database }) => {
    let emulator: TestEmulator;
    let folder: ConfigFolder;
    const postgres =
      database === 'postgres' && postgresUrl ? { url: postgresUrl, schema: randomSchema('crash') } : undefined;
    const foreignBefore = new Map<string, InspectedEvent[]>();

    /** Events the emulator created so far (every 201 it answered, batch items included). */
    const created = async () => (await emulatorStats(emulator)).totals.byStatus['201'] ?? 0;

    /** Kills the CLI with SIGKILL once the emulator has created `from` events, or fails if it finishes first. */
    const killWhenCreated = async (from: number) => {
      const cli = startCli(folder);
      let finished = false;
      void cli.exited.then(() => {
        finished = true;
      });
      while (!finished && (await created()) < from) await new Promise((resolve) => setTimeout(resolve, 10));
      if (finished) throw new Error(`the sync finished before it could be killed:\n${cli.output()}`);
      cli.child.kill('SIGKILL');
      expect(await cli.exited).toEqual({ code: null, signal: 'SIGKILL' });
      return created();
    };

    const expectExactCalendars = async () => {
      const config = folder.load();
      const source = createSource(config.source);
      for (const person of people) {
        const desired = await desiredNow({ config, source }, { id: person.personId, mailbox: person.upn });
        expect(desired.length).toBeGreaterThanOrEqual(40);
        const problems = calendarProblems(await inspectMailbox(emulator, person.upn), desired, {
          foreign: foreignBefore.get(person.upn) ?? [],
        });
        expect(problems, person.upn).toEqual([]);
      }
    };

    beforeAll(async () => {
      emulator = await startTestEmulator({ extraSeed: withStudents(people) });
      for (const person of people) foreignBefore.set(person.upn, foreign(await inspectMailbox(emulator, person.upn)));
      // Service time per item, and two mailboxes at a time: the run takes a few seconds, long enough to kill.
      await setLimits(emulator, { latencyMs: { min: 40, max: 80 } });
      folder = writeConfigFolder(emulator, timetable, {
        sync: { maxConcurrentMailboxes: 2 },
        ...(postgres ? { database: postgres } : {}),
      });
    });
    afterAll(async () => {
      await emulator?.close();
      if (postgres) await dropSchema(postgres.url, postgres.schema);
    });

    it('is killed twice while writing, then a third run finishes: every event exactly once', async () => {
      const afterFirstKill = await killWhenCreated(Math.round(total * 0.2));
      expect(afterFirstKill).toBeLessThan(total);
      const afterSecondKill = await killWhenCreated(afterFirstKill + Math.round(total * 0.3));
      expect(afterSecondKill).toBeLessThan(total);

      const last = startCli(folder);
      const { code } = await last.exited;
      expect(code, last.output()).toBe(0);

      await expectExactCalendars();
    }, 120_000);

    it('is killed while applying changes without a listing, then re-run: every event exactly once', async () => {
      // The last run listed every calendar, so the next runs trust the state and list nothing: the re-run repeats
      // the lost creates with their transactionIds, and the emulator answers with the events already made.
      folder.writeTimetable({
        ...timetable,
        people: timetable.people.map((person) => ({
          ...person,
          events: [
            ...person.events.flatMap((event, n) =>
              n % 8 === 0 ? [] : n % 3 === 0 ? [{ ...event, title: `${String(event.title)} (changed)` }] : [event],
            ),
            ...lectures(`${person.id}-more`, 30),
          ],
        })),
      });
      await killWhenCreated((await created()) + 50);
      const rerun = startCli(folder, '--json');
      const { code } = await rerun.exited;
      expect(code, rerun.output()).toBe(0);
      const summary = JSON.parse(rerun.stdout()) as { outcomes: { status: string; listed: boolean }[] };
      expect(summary.outcomes.map((o) => [o.status, o.listed])).toEqual(people.map(() => ['succeeded', false]));
      await expectExactCalendars();
    }, 120_000);
  },
);

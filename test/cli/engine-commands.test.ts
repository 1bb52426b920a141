// The engine's commands as an admin runs them: sync, status, purge (dry run, then for real), exit codes and what
// they print, against the emulator over HTTPS.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { lectures, type TestConfig, writeTestConfig } from '../support/engine.ts';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/timetable-sync.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('engine commands', () => {
  let emulator: TestEmulator;
  let config: TestConfig;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    config = writeTestConfig(emulator, {
      timeZone: 'Europe/Amsterdam',
      people: [
        { id: 's1', mailbox: people.s1.upn, events: lectures('s1', 6) },
        { id: 'outsider', mailbox: people.outsider.upn, events: lectures('out', 2) },
      ],
    });
  });
  afterAll(() => emulator?.close());

  it('sync prints each person and the totals, and exits 1 when someone failed', async () => {
    const run = await cli(['sync', '--config', config.configPath]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/succeeded\s+s1 <s1@uni\.example>: 6 created/);
    expect(run.stdout).toMatch(/failed\s+outsider .*ErrorAccessDenied/);
    expect(run.stdout).toMatch(/events: 6 created/);
    expect(run.stdout).toMatch(/graph: \d+ HTTP requests/);
  });

  it('sync of one person exits 0, and a configuration error exits 2 naming the key', async () => {
    expect((await cli(['sync', '--config', config.configPath, '--person', 's1'])).code).toBe(0);
    const bad = await cli(['sync', '--config', `${config.dir}/missing.yaml`]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('missing.yaml');
    const unknown = await cli(['sync', '--config', config.configPath, '--person', 'nobody']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('nobody');
  });

  it('status shows each person with the reason', async () => {
    const run = await cli(['status', '--config', config.configPath]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ok\s+s1/);
    expect(run.stdout).toMatch(/failing\s+outsider .*application may not open this mailbox/);
  });

  it('purge lists on a dry run, then deletes only our events', async () => {
    const dry = await cli(['purge', '--config', config.configPath, '--person', 's1', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/would delete 6/);
    const refused = await cli(['purge', '--config', config.configPath]);
    expect(refused.code).toBe(2);
    const purge = await cli(['purge', '--config', config.configPath, '--person', 's1']);
    expect(purge.code).toBe(0);
    const response = await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${people.s1.upn}/events`);
    const left = ((await response.json()) as { value: { subject: string }[] }).value.map((e) => e.subject);
    expect(left).toEqual(['Dentist']);
  });

  it('purge --mailbox works from the calendar alone, for a mailbox in no timetable', async () => {
    const sync = await cli(['sync', '--config', config.configPath, '--person', 's1']);
    expect(sync.code).toBe(0);
    config.writeTimetable({ timeZone: 'Europe/Amsterdam', people: [] });
    const purge = await cli(['purge', '--config', config.configPath, '--mailbox', people.s1.upn]);
    expect(purge.code).toBe(0);
    expect(purge.stdout).toMatch(/6 deleted/);
  });
});

// `timetable-sync demo` (what `npm start` runs): the zero-config demo as the web dashboard, up until Ctrl-C.
// `--once` is the one-shot form for tests and CI: one sync of everyone, the summary, exit.
import { parseArgs } from 'node:util';
import { runDemo } from '../../demo/run-demo.ts';
import { DemoPortInUseError, startDemoDashboard } from '../../demo/serve-demo.ts';
import { onShutdownSignals } from '../../service/shutdown-signals.ts';
import { createProgress } from '../progress.ts';
import { runCommand } from '../run-command.ts';
import { formatRunSummary } from '../run-summary.ts';
import { UsageError } from '../selection-args.ts';

const usage = 'usage: timetable-sync demo [--dir .demo] [--students 200] [--port 3000] [--once]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    let values: { dir?: string; students?: string; port?: string; once?: boolean };
    try {
      ({ values } = parseArgs({
        args,
        options: {
          dir: { type: 'string' },
          students: { type: 'string' },
          port: { type: 'string' },
          once: { type: 'boolean' },
        },
      }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const students = values.students === undefined ? undefined : Number(values.students);
    if (students !== undefined && (!Number.isInteger(students) || students < 1 || students > 20_000)) {
      throw new UsageError(`--students must be a whole number from 1 to 20000\n${usage}`);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65_535)) {
      throw new UsageError(`--port must be a TCP port (1-65535)\n${usage}`);
    }
    const common = { ...(values.dir ? { dir: values.dir } : {}), ...(students ? { students } : {}) };
    return values.once ? once(common) : dashboard({ ...common, ...(port ? { port } : {}) });
  });
}

async function once(options: { dir?: string; students?: number }): Promise<number> {
  const progress = createProgress();
  const result = await runDemo({ ...options, onProgress: (done, total) => progress.update(done, total) });
  progress.finish();
  console.log(formatRunSummary(result.summary));
  console.log(`
The demo's files are in ${result.dir}: the timetable (timetable.json), the app's certificate, the emulator's state
and the database. Run it again: nothing changed, so nothing is written. Edit timetable.json (move a lecture, cancel
one with "status": "cancelled") and run it again to see only that change go to the calendars.
Delete the folder to start from scratch. See README.md for running against your own Microsoft 365 tenant.`);
  return result.summary.outcomes.every((o) => o.status === 'succeeded') ? 0 : 1;
}

async function dashboard(options: { dir?: string; students?: number; port?: number }): Promise<number> {
  const log = (line: string) => console.log(line);
  const progress = createProgress();
  let demo: Awaited<ReturnType<typeof startDemoDashboard>>;
  try {
    demo = await startDemoDashboard({ ...options, log, onProgress: (done, total) => progress.update(done, total) });
  } catch (error) {
    if (error instanceof DemoPortInUseError) throw new UsageError(error.message);
    throw error;
  }
  progress.finish();
  console.log(formatRunSummary(demo.summary));
  const width = Math.max(...demo.accounts.map((a) => a.userPrincipalName.length));
  console.log(`
The demo dashboard is running: open ${demo.url}
Sign in as any of these (password for all: ${demo.accounts[0]?.password ?? 'demo'}):
${demo.accounts.map((a) => `  ${a.userPrincipalName.padEnd(width)}  ${a.role}`).join('\n')}
The sign-in pages are served by the emulated tenant over HTTPS with its own CA: the browser warns once. Accept it
for 127.0.0.1, or trust ${demo.caPath}.
Everyone is synced again every hour; edit ${demo.dir}/timetable.json and use "Sync now" to see a change arrive.
Ctrl-C to stop (the demo's files stay in ${demo.dir}; delete the folder to start from scratch).`);
  await onShutdownSignals(() => demo.stop(), log);
  log('demo: stopped');
  return 0;
}

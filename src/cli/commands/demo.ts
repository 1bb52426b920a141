// `timetable-sync demo` (what `npm start` runs): the zero-config demo, then what to look at next.
import { parseArgs } from 'node:util';
import { runDemo } from '../../demo/run-demo.ts';
import { createProgress } from '../progress.ts';
import { runCommand } from '../run-command.ts';
import { formatRunSummary } from '../run-summary.ts';
import { UsageError } from '../selection-args.ts';

const usage = 'usage: timetable-sync demo [--dir .demo] [--students 300]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    let values: { dir?: string; students?: string };
    try {
      ({ values } = parseArgs({ args, options: { dir: { type: 'string' }, students: { type: 'string' } } }));
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${usage}`);
    }
    const students = values.students === undefined ? undefined : Number(values.students);
    if (students !== undefined && (!Number.isInteger(students) || students < 1 || students > 20_000)) {
      throw new UsageError(`--students must be a whole number from 1 to 20000\n${usage}`);
    }
    const progress = createProgress();
    const result = await runDemo({
      ...(values.dir ? { dir: values.dir } : {}),
      ...(students ? { students } : {}),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.finish();
    console.log(formatRunSummary(result.summary));
    console.log(`
The demo's files are in ${result.dir}: the timetable (timetable.json), the app's certificate, the emulator's state
and the database. Run \`npm start\` again: nothing changed, so nothing is written. Edit timetable.json (move a
lecture, cancel one with "status": "cancelled") and run it again to see only that change go to the calendars.
Delete the folder to start from scratch. See README.md for running against your own Microsoft 365 tenant.`);
    return result.summary.outcomes.every((o) => o.status === 'succeeded') ? 0 : 1;
  });
}

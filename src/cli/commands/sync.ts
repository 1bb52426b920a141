// `timetable-sync sync` and `timetable-sync reconcile`: bring the selected people's calendars to their timetable.
// Exit 0 when everyone succeeded, 1 when some person failed (or was held), 2 for configuration or usage errors.
import { loadConfig } from '../../config/index.ts';
import { createEngine } from '../../sync/engine.ts';
import { syncPeople } from '../../sync/sync-people.ts';
import { createProgress } from '../progress.ts';
import { runCommand } from '../run-command.ts';
import { formatRunSummary } from '../run-summary.ts';
import { parseSelectionArgs } from '../selection-args.ts';

const usage = (name: string) =>
  `usage: timetable-sync ${name} [--config FILE] [--all | --person ID …] [--dry-run] [--json]`;

export const runSync = (args: string[]) => run('sync', args);
export const runReconcile = (args: string[]) => run('reconcile', args);

function run(name: 'sync' | 'reconcile', args: string[]): Promise<number> {
  return runCommand(async () => {
    const selection = parseSelectionArgs(args, usage(name));
    const config = loadConfig(selection.config ? { path: selection.config } : {});
    const engine = await createEngine(config);
    try {
      const progress = createProgress();
      const summary = await syncPeople(engine, {
        kind: selection.dryRun ? 'dry-run' : name,
        ...(selection.personIds ? { personIds: selection.personIds } : {}),
        onProgress: (done, total, outcome) => progress.update(done, total, outcome.personId),
      });
      progress.finish();
      if (selection.json) console.log(JSON.stringify(summary, null, 2));
      else console.log(formatRunSummary(summary));
      const ok = summary.outcomes.every((o) => o.status === 'succeeded' || o.status === 'planned');
      return ok ? 0 : 1;
    } finally {
      await engine.close();
    }
  });
}

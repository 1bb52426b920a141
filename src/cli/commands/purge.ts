// `timetable-sync purge`: delete every event we created (found by our marker, any date) for the selected people,
// or for mailboxes named directly (--mailbox, which needs no timetable or database entry). --dry-run lists them.
import { loadConfig } from '../../config/index.ts';
import type { Person } from '../../model/person.ts';
import { upsertPeople } from '../../store/index.ts';
import { createEngine } from '../../sync/engine.ts';
import { purgePerson } from '../../sync/purge-person.ts';
import { runPeople } from '../../sync/run-people.ts';
import { selectPeople } from '../../sync/sync-people.ts';
import { createProgress } from '../progress.ts';
import { runCommand } from '../run-command.ts';
import { formatRunSummary } from '../run-summary.ts';
import { parseSelectionArgs, UsageError } from '../selection-args.ts';

const usage =
  'usage: timetable-sync purge [--config FILE] (--all | --person ID … | --mailbox UPN …) [--dry-run] [--json]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const mailboxes: string[] = [];
    const rest: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--mailbox') {
        const value = args[++i];
        if (!value) throw new UsageError(`--mailbox needs a user principal name\n${usage}`);
        mailboxes.push(value);
      } else rest.push(args[i] as string);
    }
    const selection = parseSelectionArgs(rest, usage);
    if (!rest.includes('--all') && !selection.personIds && mailboxes.length === 0) {
      throw new UsageError(`purge deletes events: say whose with --all, --person or --mailbox\n${usage}`);
    }
    const config = loadConfig(selection.config ? { path: selection.config } : {});
    const engine = await createEngine(config);
    try {
      // A mailbox named directly needs no timetable entry: it is recorded under its own address, so its runs show.
      const direct: Person[] = mailboxes.map((mailbox) => ({ id: mailbox, mailbox }));
      await upsertPeople(
        engine.store.db,
        direct.map((p) => ({ ...p, authMode: 'application' as const })),
      );
      const selected =
        mailboxes.length > 0 && !selection.personIds ? [] : await selectPeople(engine, selection.personIds);
      const people = [...selected, ...direct];
      const progress = createProgress();
      const summary = await runPeople(
        engine,
        people,
        (person) => purgePerson(engine, person, { dryRun: selection.dryRun }),
        {
          onProgress: (done, total, outcome) => progress.update(done, total, outcome.personId),
        },
      );
      progress.finish();
      console.log(
        selection.json
          ? JSON.stringify(summary, null, 2)
          : formatRunSummary(summary, { everyPerson: selection.dryRun }),
      );
      return summary.outcomes.every((o) => o.status === 'succeeded' || o.status === 'planned') ? 0 : 1;
    } finally {
      await engine.close();
    }
  });
}

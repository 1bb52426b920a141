// `timetable-sync status`: each person's state as the store knows it (status, reason, last sync), counts by
// status, and plans held for an admin. Reads the database only: nothing is sent to Microsoft.
import { loadConfig } from '../../config/index.ts';
import { countPeopleByStatus, listOpenPlans, listPeople, openDatabase } from '../../store/index.ts';
import { runCommand } from '../run-command.ts';
import { parseSelectionArgs } from '../selection-args.ts';

const usage = 'usage: timetable-sync status [--config FILE] [--all | --person ID …] [--json]';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const selection = parseSelectionArgs(args, usage);
    const config = loadConfig(selection.config ? { path: selection.config } : {});
    const store = await openDatabase(
      config.database.kind === 'postgres' ? { url: config.database.url } : { dataDir: config.database.dataDir },
    );
    try {
      const everyone = await listPeople(store.db);
      const wanted = selection.personIds ? new Set(selection.personIds) : undefined;
      const people = wanted ? everyone.filter((p) => wanted.has(p.id)) : everyone;
      const counts = await countPeopleByStatus(store.db);
      const plans = await listOpenPlans(store.db);
      if (selection.json) {
        console.log(JSON.stringify({ counts, people, heldPlans: plans }, null, 2));
        return 0;
      }
      for (const p of people) {
        const last = p.lastSyncAt ? `last sync ${p.lastSyncAt.slice(0, 19)}Z` : 'never synced';
        const why = p.statusReason ? ` — ${p.statusReason}` : '';
        console.log(`  ${p.status.padEnd(16)} ${p.id} <${p.mailbox}> ${last}${why}`);
      }
      console.log(
        `\npeople: ${
          Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([s, n]) => `${n} ${s}`)
            .join(', ') || 'none'
        }`,
      );
      for (const plan of plans) {
        console.log(
          `held plan for ${plan.personId}: ${plan.reason}, would delete ${plan.summary.deletes} of ${plan.summary.current} (since ${plan.createdAt.slice(0, 19)}Z)`,
        );
      }
      return 0;
    } finally {
      await store.close();
    }
  });
}

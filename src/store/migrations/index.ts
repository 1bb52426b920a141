// Every migration of the store, in order. A static list (not a folder scan) so it works wherever the code is
// bundled or run from; add a new dated file and list it here.
import type { Migration } from 'kysely/migration';
import * as personAndEventState from './2026_11_30_1200_person_and_event_state.ts';
import * as runsWritesAndHeldPlans from './2026_11_30_1210_runs_writes_and_held_plans.ts';
import * as personTokensAndFeeds from './2026_12_01_1200_person_tokens_and_feeds.ts';
import * as apiKeysAndPushedTimetables from './2026_12_01_1300_api_keys_and_pushed_timetables.ts';
import * as pushedTimetableMailboxIndex from './2026_12_02_1200_pushed_timetable_mailbox_index.ts';
import * as prunedHistoryTotals from './2026_12_02_1300_pruned_history_totals.ts';

export const migrations: Readonly<Record<string, Migration>> = {
  '2026_11_30_1200_person_and_event_state': personAndEventState,
  '2026_11_30_1210_runs_writes_and_held_plans': runsWritesAndHeldPlans,
  '2026_12_01_1200_person_tokens_and_feeds': personTokensAndFeeds,
  '2026_12_01_1300_api_keys_and_pushed_timetables': apiKeysAndPushedTimetables,
  '2026_12_02_1200_pushed_timetable_mailbox_index': pushedTimetableMailboxIndex,
  '2026_12_02_1300_pruned_history_totals': prunedHistoryTotals,
};

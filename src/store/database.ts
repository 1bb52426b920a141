// The store's tables as Kysely sees them (camelCase here, snake_case in SQL through CamelCasePlugin). Tokens and
// API keys get their own tables (person_token, api_key) in later migrations, keyed to person.id.
import type { ApiKeyTable } from './api-key.table.ts';
import type { EventStateTable } from './event-state.table.ts';
import type { GraphWriteTable } from './graph-write.table.ts';
import type { HeldPlanTable } from './held-plan.table.ts';
import type { PersonTable } from './person.table.ts';
import type { PersonFeedTable } from './person-feed.table.ts';
import type { PersonTokenTable } from './person-token.table.ts';
import type { PrunedRunTotalTable, PrunedWriteTotalTable } from './pruned-total.table.ts';
import type { PushedTimetableTable } from './pushed-timetable.table.ts';
import type { SyncRunTable } from './sync-run.table.ts';

export interface Database {
  person: PersonTable;
  eventState: EventStateTable;
  syncRun: SyncRunTable;
  graphWrite: GraphWriteTable;
  heldPlan: HeldPlanTable;
  personToken: PersonTokenTable;
  personFeed: PersonFeedTable;
  apiKey: ApiKeyTable;
  pushedTimetable: PushedTimetableTable;
  prunedRunTotal: PrunedRunTotalTable;
  prunedWriteTotal: PrunedWriteTotalTable;
}

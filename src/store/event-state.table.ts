// The `event_state` table: the last known state of each of our events in a person's calendar (the planner's
// "what we wrote"), one row per person and source key.
import type { Selectable } from 'kysely';
import type { EventState } from '../model/event-state.ts';
import type { Timestamp } from './columns.ts';

export interface EventStateTable {
  personId: string;
  sourceKey: string;
  graphId: string;
  contentHash: string;
  changeKey: string;
  startUtc: Timestamp;
  endUtc: Timestamp;
  userDeletedHash: string | null;
  lastSyncedAt: Timestamp;
}

export type EventStateRow = Selectable<EventStateTable>;

/** One executed action's effect on the state, recorded as soon as its result arrives. */
export type EventStateChange =
  /** Created, updated or adopted: the event as it now is in the calendar (clears any user-deleted mark). */
  | { readonly kind: 'upsert'; readonly state: EventState }
  /** Deleted by us (or found gone): forget it. */
  | { readonly kind: 'delete'; readonly sourceKey: string }
  /** The user deleted it and the policy is `respect`: remember the content hash it had, keep it deleted. */
  | { readonly kind: 'userDeleted'; readonly sourceKey: string };

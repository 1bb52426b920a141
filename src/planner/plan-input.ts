// What the planner decides from: the desired events, the stored state, optionally a listing of our events in the
// calendar (a reconcile), the window and the policy. All plain data; the planner reads nothing else.
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import type { SyncWindow } from '../model/sync-window.ts';

export type UserDeletePolicy = 'respect' | 'restore';

export interface PlanPolicy {
  /** `respect`: an event the user deleted stays deleted until the timetable changes it; `restore`: put it back. */
  readonly onUserDelete: UserDeletePolicy;
  /** A plan deleting more than this share of the person's current events is held; in (0, 1]. */
  readonly maxDeleteShare: number;
}

export interface PlanInput {
  /** The person's desired events (mapped, confirmed only), at most one per source key. */
  readonly desired: readonly DesiredEvent[];
  /** What the store remembers for this person, at most one row per source key. */
  readonly state: readonly EventState[];
  /**
   * Our events in the calendar, from a complete listing by marker (every page) covering at least the window; null
   * or absent on a normal sync. Only listed events overlapping the window count: history is never adopted,
   * deduplicated or deleted, and absence from the listing is judged only for state rows inside the window.
   */
  readonly remote?: readonly RemoteEvent[] | null;
  readonly window: SyncWindow;
  readonly policy: PlanPolicy;
  /**
   * True when `desired` is the person's whole timetable in the window (a successful source read). False when it is
   * not authoritative about what is missing (e.g. a reconcile while the source is down): then nothing is deleted or
   * forgotten for being absent from `desired`; listed events of ours are adopted into the state instead.
   */
  readonly sourceTrusted: boolean;
  /**
   * An admin approved a held plan that deleted this many events: a plan deleting no more than that is not held.
   * A larger plan is held again (the timetable changed further since the approval).
   */
  readonly approvedDeletes?: number | null;
}

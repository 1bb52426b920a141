// What the planner returns: the actions to run now, or a hold with its reason and numbers (invariant 4), and the
// counts a summary shows.
import type { PlanAction } from './plan-action.ts';

/** Snake case, as the store's `held_plan.reason` column has it. */
export type HoldReason =
  /** The source gave no events for a person whose calendar holds ours (vdirsyncer's StorageEmpty). */
  | 'source_empty'
  /** More than `maxDeleteShare` of the person's current events would be deleted. */
  | 'delete_share_exceeded';

export interface PlanHold {
  readonly reason: HoldReason;
  /** Our events in the window before the plan (the base of the share). */
  readonly current: number;
  readonly deletes: number;
  /** deletes / current. */
  readonly share: number;
  readonly maxDeleteShare: number;
  /** A sentence for the admin. */
  readonly message: string;
}

export interface PlanCounts {
  readonly create: number;
  readonly update: number;
  readonly overwriteUserEdit: number;
  readonly delete: number;
  readonly adopt: number;
  readonly removeDuplicate: number;
  readonly forget: number;
  readonly markUserDeleted: number;
  readonly recreate: number;
  /** Desired and already as desired: no request. */
  readonly unchanged: number;
  /** Deleted by the user, unchanged in the timetable, policy `respect`: stays deleted. */
  readonly keptUserDeleted: number;
  /** No longer desired but outside the window (history, or beyond its far edge): left as it is. */
  readonly outsideWindow: number;
  /** Absent from the desired events of an untrusted read: nothing concluded, left as it is. */
  readonly notJudged: number;
}

/**
 * A held plan runs nothing at all, creates and updates included: a source that suddenly returns a different or
 * empty timetable is more often broken than right, and half-applying it (new events added, old ones kept) would
 * leave a calendar that is wrong both ways. `actions` is then empty and `heldActions` lists what would run once
 * an admin approves (see PlanInput.approvedDeletes).
 */
export type Plan =
  | {
      readonly status: 'ready';
      readonly hold: null;
      readonly actions: readonly PlanAction[];
      readonly heldActions: readonly [];
      readonly counts: PlanCounts;
      /** Our events in the window before the plan. */
      readonly current: number;
    }
  | {
      readonly status: 'held';
      readonly hold: PlanHold;
      readonly actions: readonly [];
      readonly heldActions: readonly PlanAction[];
      readonly counts: PlanCounts;
      readonly current: number;
    };

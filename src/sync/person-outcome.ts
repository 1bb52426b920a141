// What one person's run came to: the summary line the CLI prints and the status the store keeps.
import type { Plan } from '../planner/index.ts';

export type OutcomeStatus =
  /** Everything planned was written (or nothing needed writing). */
  | 'succeeded'
  /** Some actions failed; the rest were written and recorded. */
  | 'partial'
  /** Nothing could be done for this person (source, mailbox or listing failed); nothing was deleted. */
  | 'failed'
  /** The plan would delete too much (or the source came back empty): held for an admin, nothing written. */
  | 'held'
  /** Dry run: planned, nothing written. */
  | 'planned';

export interface OutcomeCounts {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly adopted: number;
  readonly unchanged: number;
  readonly failed: number;
}

export interface PersonOutcome {
  readonly personId: string;
  readonly mailbox: string;
  readonly status: OutcomeStatus;
  readonly counts: OutcomeCounts;
  /** Why it failed, partly failed or was held, in words an admin can act on. */
  readonly reason: string | null;
  /** A stable code: Graph's error code, an AADSTS code, or ours (SOURCE_UNREADABLE, NOT_IN_SOURCE, …). */
  readonly code: string | null;
  /** The plan, for dry runs and held plans. */
  readonly plan: Plan | null;
  readonly graphRequests: number;
  readonly throttled: number;
  /** Whether the calendar was listed (a reconcile), which costs read requests. */
  readonly listed: boolean;
  /**
   * Graph throttled the mailbox for longer than `maxThrottleWaitMs`: what was not written waits until then (ISO).
   * A job worker schedules the person's next run for that time instead of holding a worker.
   */
  readonly throttledUntil?: string;
}

export const NO_OUTCOME_COUNTS: OutcomeCounts = {
  created: 0,
  updated: 0,
  deleted: 0,
  adopted: 0,
  unchanged: 0,
  failed: 0,
};

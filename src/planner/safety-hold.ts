// Invariant 4's stop: a plan that would empty a calendar because the source suddenly has nothing (vdirsyncer's
// StorageEmpty), or delete more than `maxDeleteShare` of a person's events, is held for an admin.
import type { PlanAction } from './plan-action.ts';
import type { PlanPolicy } from './plan-input.ts';
import type { PlanHold } from './plan-result.ts';

export interface HoldFacts {
  readonly actions: readonly PlanAction[];
  /** Our distinct events in the window before the plan. */
  readonly current: number;
  readonly desiredCount: number;
  readonly trusted: boolean;
  readonly policy: PlanPolicy;
  readonly approvedDeletes: number | null;
}

/** Only `delete` counts: removing an extra copy leaves the event in the calendar. */
export function safetyHold(facts: HoldFacts): PlanHold | null {
  const deletes = facts.actions.filter((action) => action.kind === 'delete').length;
  if (deletes === 0 || !facts.trusted) return null;
  if (facts.approvedDeletes !== null && deletes <= facts.approvedDeletes) return null;
  const share = facts.current === 0 ? 1 : deletes / facts.current;
  const numbers = { current: facts.current, deletes, share, maxDeleteShare: facts.policy.maxDeleteShare };
  if (facts.desiredCount === 0) {
    const message = `the timetable source returned no events, but the calendar holds ${facts.current} of ours: nothing is deleted until an admin approves`;
    return { reason: 'source_empty', ...numbers, message };
  }
  if (share > facts.policy.maxDeleteShare) {
    const percent = (value: number) => `${Math.round(value * 100)}%`;
    const message = `the plan deletes ${deletes} of ${facts.current} events (${percent(share)}, more than the ${percent(facts.policy.maxDeleteShare)} allowed): held until an admin approves`;
    return { reason: 'delete_share_exceeded', ...numbers, message };
  }
  return null;
}

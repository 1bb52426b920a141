// The planner: a pure function from (desired events, stored state, optionally a listing of our events, window,
// policy) to the actions that bring one person's calendar to the timetable. Dry-run stops after it.
//
// - plan(input: PlanInput) → Plan: `ready` with `actions` to run, or `held` (invariant 4: source suddenly empty,
//   or more than maxDeleteShare deleted) with `hold` explaining why, `actions` empty and `heldActions` listing
//   what an approval would run (re-plan with `approvedDeletes`). `counts` summarises either way.
// - PlanAction kinds: create, update, overwrite-user-edit, delete, adopt, remove-duplicate, forget,
//   mark-user-deleted, recreate (see plan-action.ts for what the executor sends and records for each).
// - afterUserDelete(policy, desiredHash, deletedHash): the user-deleted rule, for the executor's 404 on update.
// The decision table per source key is decide-key.ts.
export type { KeyContext, KeyFacts, NoAction } from './decide-key.ts';
export { decideKey } from './decide-key.ts';
export { PlanInputError, plan } from './plan.ts';
export type {
  AdoptAction,
  CreateAction,
  DeleteAction,
  ForgetAction,
  MarkUserDeletedAction,
  OverwriteUserEditAction,
  PlanAction,
  PlanActionKind,
  RecreateAction,
  RemoveDuplicateAction,
  UpdateAction,
} from './plan-action.ts';
export { ACTION_ORDER, isDelete } from './plan-action.ts';
export type { PlanInput, PlanPolicy, UserDeletePolicy } from './plan-input.ts';
export type { HoldReason, Plan, PlanCounts, PlanHold } from './plan-result.ts';
export type { UserDeletedOutcome } from './user-deleted-policy.ts';
export { afterUserDelete } from './user-deleted-policy.ts';

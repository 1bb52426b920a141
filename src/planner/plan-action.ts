// The actions a plan lists. Each carries what the executor needs to send it and to record its result, and nothing
// it would have to look up again. Deletes and updates only ever name a graphId from the state or from a listed
// event that carries our marker (invariant 1).
import type { DesiredEvent } from '../model/desired-event.ts';
import type { RemoteEvent } from '../model/remote-event.ts';

/** POST the event (with a deterministic transactionId); record graphId, changeKey and hash. */
export interface CreateAction {
  readonly kind: 'create';
  readonly sourceKey: string;
  readonly desired: DesiredEvent;
}

/** PATCH our event whose content changed in the timetable; `changeKey` is the stored one, for `If-Match`. */
export interface UpdateAction {
  readonly kind: 'update';
  readonly sourceKey: string;
  readonly graphId: string;
  readonly changeKey: string;
  readonly desired: DesiredEvent;
}

/** A reconcile found the user edited our event (its changeKey moved, our hash did not): PATCH it back. */
export interface OverwriteUserEditAction {
  readonly kind: 'overwrite-user-edit';
  readonly sourceKey: string;
  readonly graphId: string;
  /** The changeKey the listing saw, for `If-Match`. */
  readonly changeKey: string;
  readonly desired: DesiredEvent;
}

/** DELETE our event that is no longer in the timetable (always inside the window); 404 counts as done. */
export interface DeleteAction {
  readonly kind: 'delete';
  readonly sourceKey: string;
  readonly graphId: string;
  readonly changeKey: string | null;
  /** When the event is, for the admin's view of a held plan. */
  readonly startUtc: string;
  readonly endUtc: string;
}

/**
 * A listed event carries our marker but the state does not know it (a lost database, a crash between a create and
 * its record): record it as ours, then PATCH it with `update` when given (its hash differs from the desired one).
 * With no hash on the event and no desired event, the recorded hash is '' (the next trusted sync rewrites it).
 */
export interface AdoptAction {
  readonly kind: 'adopt';
  readonly sourceKey: string;
  readonly remote: RemoteEvent;
  readonly update: DesiredEvent | null;
}

/** A second (third, …) copy of the same source key: DELETE it, keep `keptGraphId`. */
export interface RemoveDuplicateAction {
  readonly kind: 'remove-duplicate';
  readonly sourceKey: string;
  readonly graphId: string;
  readonly changeKey: string;
  readonly keptGraphId: string;
}

/** Drop the state row of an event that is gone from the calendar and should be gone. No Graph request. */
export interface ForgetAction {
  readonly kind: 'forget';
  readonly sourceKey: string;
  readonly graphId: string;
}

/** The user deleted our event and the policy is `respect`: remember the hash it had; no Graph request. */
export interface MarkUserDeletedAction {
  readonly kind: 'mark-user-deleted';
  readonly sourceKey: string;
  readonly graphId: string;
  readonly deletedHash: string;
}

/**
 * POST the event again after the user deleted it (policy `restore`, or the timetable changed it since). The
 * transactionId must differ from the first create's: pass `previousGraphId` as `replaces`.
 */
export interface RecreateAction {
  readonly kind: 'recreate';
  readonly sourceKey: string;
  readonly previousGraphId: string;
  readonly desired: DesiredEvent;
}

export type PlanAction =
  | CreateAction
  | UpdateAction
  | OverwriteUserEditAction
  | DeleteAction
  | AdoptAction
  | RemoveDuplicateAction
  | ForgetAction
  | MarkUserDeletedAction
  | RecreateAction;

export type PlanActionKind = PlanAction['kind'];

/** The order actions are listed in: removals before additions, then by source key. */
export const ACTION_ORDER: readonly PlanActionKind[] = [
  'remove-duplicate',
  'delete',
  'forget',
  'mark-user-deleted',
  'adopt',
  'overwrite-user-edit',
  'update',
  'recreate',
  'create',
];

/** True for actions that send a DELETE to Graph. */
export function isDelete(action: PlanAction): action is DeleteAction | RemoveDuplicateAction {
  return action.kind === 'delete' || action.kind === 'remove-duplicate';
}

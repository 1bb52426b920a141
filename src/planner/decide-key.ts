// The decision table for one source key: from what the timetable wants (desired), what we remember (state) and,
// on a reconcile, the copy of ours the calendar holds (listed), to at most one action, or why none is needed.
// Read top to bottom; the first matching row decides.
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import { overlapsWindow } from '../model/sync-window.ts';
import type { PlanAction } from './plan-action.ts';
import type { PlanPolicy } from './plan-input.ts';
import { afterUserDelete } from './user-deleted-policy.ts';

export interface KeyFacts {
  readonly sourceKey: string;
  readonly desired: DesiredEvent | undefined;
  readonly state: EventState | undefined;
  /** Whether a listing of the calendar was given at all. */
  readonly listing: boolean;
  /** The copy of this key the listing holds inside the window (after duplicates were set aside). */
  readonly listed: RemoteEvent | undefined;
}

export interface KeyContext {
  readonly window: SyncWindow;
  readonly policy: PlanPolicy;
  readonly trusted: boolean;
}

/** Why a key needs no action. */
export type NoAction =
  /** Desired and already as desired. */
  | 'unchanged'
  /** The user deleted it; unchanged in the timetable; policy `respect`. */
  | 'kept-user-deleted'
  /** Not desired, but outside the window: history (or beyond the far edge) is left alone. */
  | 'outside-window'
  /** Not in the desired events of an untrusted read: nothing is concluded from its absence. */
  | 'not-judged';

export function decideKey(facts: KeyFacts, context: KeyContext): PlanAction | NoAction {
  const { sourceKey, desired, state, listed } = facts;
  const inWindow = (span: { startUtc: string; endUtc: string }) => overlapsWindow(span, context.window);

  // A listed copy the state does not know (no row, a row for another graphId, or one marked user-deleted).
  if (
    listed !== undefined &&
    (state === undefined || state.userDeletedHash !== null || listed.graphId !== state.graphId)
  ) {
    if (desired !== undefined) return adopt(listed, unrecordedCopyUpdate(listed, desired));
    return context.trusted ? remove(sourceKey, listed) : adopt(listed, null);
  }

  if (state === undefined) {
    return desired !== undefined ? { kind: 'create', sourceKey, desired } : 'not-judged';
  }

  // Remembered as deleted by the user, and (if listed) still gone.
  if (state.userDeletedHash !== null) {
    const outcome = afterUserDelete(context.policy.onUserDelete, desired?.contentHash ?? null, state.userDeletedHash);
    if (outcome === 'forget') return context.trusted ? forget(state) : 'not-judged';
    if (outcome === 'keep-deleted' || desired === undefined) return 'kept-user-deleted';
    return { kind: 'recreate', sourceKey, previousGraphId: state.graphId, desired };
  }

  // The listing covers the window and our event is not in it: the user deleted it (or moved it away).
  if (facts.listing && listed === undefined && inWindow(state)) {
    // Without a trusted answer we cannot tell "keep deleted" from "forget"; the mark defers the choice safely.
    if (desired === undefined && !context.trusted) return markUserDeleted(state);
    const outcome = afterUserDelete(context.policy.onUserDelete, desired?.contentHash ?? null, state.contentHash);
    if (outcome === 'forget') return forget(state);
    if (outcome === 'keep-deleted' || desired === undefined) return markUserDeleted(state);
    return { kind: 'recreate', sourceKey, previousGraphId: state.graphId, desired };
  }

  // Listed as the same event, but not as we last wrote it.
  if (listed !== undefined && (listed.changeKey !== state.changeKey || listed.contentHash !== state.contentHash)) {
    const userEdit = listed.contentHash === state.contentHash;
    if (desired !== undefined) {
      if (userEdit)
        return {
          kind: 'overwrite-user-edit',
          sourceKey,
          graphId: listed.graphId,
          changeKey: listed.changeKey,
          desired,
        };
      // Our own write whose result was never recorded (a crash): take it, finish it if needed. That write was an
      // update, so the copy shows as modified since created and is rewritten once even when nobody touched it: one
      // extra PATCH after each lost update answer, the price of not keeping an owner's edit made after it.
      return adopt(listed, unrecordedCopyUpdate(listed, desired));
    }
    if (context.trusted) return remove(sourceKey, listed);
    // Recording a user's edit would hide it from the next trusted reconcile, which must overwrite it.
    return userEdit ? 'not-judged' : adopt(listed, null);
  }

  // The state matches the calendar (or there is no listing to say otherwise).
  if (desired !== undefined) {
    if (desired.contentHash === state.contentHash) return 'unchanged';
    return { kind: 'update', sourceKey, graphId: state.graphId, changeKey: state.changeKey, desired };
  }
  if (!context.trusted) return 'not-judged';
  const copy = listed ?? state;
  return inWindow(copy) ? remove(sourceKey, copy) : 'outside-window';
}

/**
 * What to write into a copy of ours whose last write the state never recorded: nothing when it holds the desired
 * content and nobody wrote it after its creation (so a recovery from the calendar after losing the store sends no
 * request for those); else the desired event. Our hash marker stays as we wrote it when the owner edits the event
 * in Outlook, so only "modified since created" can show that edit: rewriting then keeps the promise that edits of
 * our events are overwritten. An event we updated before the store was lost is rewritten once as well.
 */
function unrecordedCopyUpdate(listed: RemoteEvent, desired: DesiredEvent): DesiredEvent | null {
  return listed.contentHash === desired.contentHash && !listed.modifiedSinceCreated ? null : desired;
}

function adopt(remote: RemoteEvent, update: DesiredEvent | null): PlanAction {
  return { kind: 'adopt', sourceKey: remote.sourceKey, remote, update };
}

function remove(
  sourceKey: string,
  event: { graphId: string; changeKey: string; startUtc: string; endUtc: string },
): PlanAction {
  return {
    kind: 'delete',
    sourceKey,
    graphId: event.graphId,
    changeKey: event.changeKey,
    startUtc: event.startUtc,
    endUtc: event.endUtc,
  };
}

function forget(state: EventState): PlanAction {
  return { kind: 'forget', sourceKey: state.sourceKey, graphId: state.graphId };
}

function markUserDeleted(state: EventState): PlanAction {
  return {
    kind: 'mark-user-deleted',
    sourceKey: state.sourceKey,
    graphId: state.graphId,
    deletedHash: state.contentHash,
  };
}

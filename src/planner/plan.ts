// plan(): the pure planner. Groups desired events, state rows and listed events by source key, decides each key
// with the decision table (decide-key.ts), orders the actions, counts, and applies the safety hold.
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import { overlapsWindow } from '../model/sync-window.ts';
import { TimetableSyncError } from '../model/timetable-sync-error.ts';
import type { NoAction } from './decide-key.ts';
import { decideKey } from './decide-key.ts';
import { keepOneCopy } from './keep-one-copy.ts';
import type { PlanAction } from './plan-action.ts';
import { ACTION_ORDER } from './plan-action.ts';
import type { PlanInput } from './plan-input.ts';
import type { Plan, PlanCounts } from './plan-result.ts';
import { safetyHold } from './safety-hold.ts';

/** The caller broke the planner's contract (two desired events or two state rows for one key): a bug, not data. */
export class PlanInputError extends TimetableSyncError {
  constructor(message: string) {
    super('PLAN_INPUT_INVALID', message);
  }
}

export function plan(input: PlanInput): Plan {
  const desired = uniqueByKey(input.desired, 'desired events');
  const state = uniqueByKey(input.state, 'state rows');
  const listing = input.remote !== undefined && input.remote !== null;
  // History and the far side of the window are never adopted, deduplicated or deleted (invariant 5), so listed
  // events outside the window are left out: a listing of everything then plans like a listing of the window.
  const remote = (input.remote ?? []).filter((event) => overlapsWindow(event, input.window));
  const listed = groupListed(remote);
  const context = { window: input.window, policy: input.policy, trusted: input.sourceTrusted };

  const keys = [...new Set([...desired.keys(), ...state.keys(), ...listed.keys()])].sort();
  const actions: PlanAction[] = [];
  const outcomes: Record<NoAction, number> = {
    unchanged: 0,
    'kept-user-deleted': 0,
    'outside-window': 0,
    'not-judged': 0,
  };
  for (const sourceKey of keys) {
    const copies = keepOneCopy(listed.get(sourceKey) ?? [], state.get(sourceKey), desired.get(sourceKey));
    for (const extra of copies.extra) {
      const keptGraphId = copies.kept?.graphId ?? '';
      actions.push({
        kind: 'remove-duplicate',
        sourceKey,
        graphId: extra.graphId,
        changeKey: extra.changeKey,
        keptGraphId,
      });
    }
    const facts = {
      sourceKey,
      desired: desired.get(sourceKey),
      state: state.get(sourceKey),
      listing,
      listed: copies.kept,
    };
    const decision = decideKey(facts, context);
    if (typeof decision === 'string') outcomes[decision] += 1;
    else actions.push(decision);
  }
  actions.sort(
    (a, b) => ACTION_ORDER.indexOf(a.kind) - ACTION_ORDER.indexOf(b.kind) || compare(a.sourceKey, b.sourceKey),
  );

  const current = currentEvents(input.state, remote, input);
  const counts = countActions(actions, outcomes);
  const hold = safetyHold({
    actions,
    current,
    desiredCount: input.desired.length,
    trusted: input.sourceTrusted,
    policy: input.policy,
    approvedDeletes: input.approvedDeletes ?? null,
  });
  if (hold !== null) return { status: 'held', hold, actions: [], heldActions: actions, counts, current };
  return { status: 'ready', hold: null, actions, heldActions: [], counts, current };
}

function uniqueByKey<T extends { readonly sourceKey: string }>(items: readonly T[], what: string): Map<string, T> {
  const byKey = new Map<string, T>();
  for (const item of items) {
    if (byKey.has(item.sourceKey))
      throw new PlanInputError(`two ${what} for source key ${JSON.stringify(item.sourceKey)}`);
    byKey.set(item.sourceKey, item);
  }
  return byKey;
}

/** By source key; the same graphId twice (a page repeated by Graph) is one event, not a duplicate. */
function groupListed(remote: readonly RemoteEvent[]): Map<string, RemoteEvent[]> {
  const seen = new Set<string>();
  const byKey = new Map<string, RemoteEvent[]>();
  for (const event of remote) {
    if (seen.has(event.graphId)) continue;
    seen.add(event.graphId);
    byKey.set(event.sourceKey, [...(byKey.get(event.sourceKey) ?? []), event]);
  }
  return byKey;
}

/** Our distinct events in the window: live state rows and listed events (already cut to the window), by graphId. */
function currentEvents(state: readonly EventState[], remote: readonly RemoteEvent[], input: PlanInput): number {
  const ids = new Set<string>();
  for (const row of state) if (row.userDeletedHash === null && overlapsWindow(row, input.window)) ids.add(row.graphId);
  for (const event of remote) ids.add(event.graphId);
  return ids.size;
}

function countActions(actions: readonly PlanAction[], outcomes: Record<NoAction, number>): PlanCounts {
  const count = (kind: PlanAction['kind']) => actions.filter((action) => action.kind === kind).length;
  return {
    create: count('create'),
    update: count('update'),
    overwriteUserEdit: count('overwrite-user-edit'),
    delete: count('delete'),
    adopt: count('adopt'),
    removeDuplicate: count('remove-duplicate'),
    forget: count('forget'),
    markUserDeleted: count('mark-user-deleted'),
    recreate: count('recreate'),
    unchanged: outcomes.unchanged,
    keptUserDeleted: outcomes['kept-user-deleted'],
    outsideWindow: outcomes['outside-window'],
    notJudged: outcomes['not-judged'],
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// Shared fixtures of the planner's table tests: a window, spans inside and outside it, and small builders.
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import { plan } from './plan.ts';
import type { PlanAction } from './plan-action.ts';
import type { PlanInput } from './plan-input.ts';

export const window = { startUtc: '2026-11-17T00:00:00.000Z', endUtc: '2027-05-30T00:00:00.000Z' };
export const inside = { startUtc: '2026-12-01T08:00:00.000Z', endUtc: '2026-12-01T09:00:00.000Z' };
export const history = { startUtc: '2026-10-01T08:00:00.000Z', endUtc: '2026-10-01T09:00:00.000Z' };
export const farFuture = { startUtc: '2027-09-01T08:00:00.000Z', endUtc: '2027-09-01T09:00:00.000Z' };

export function desired(sourceKey: string, contentHash = 'h1', span = inside): DesiredEvent {
  return { sourceKey, contentHash, payload: { subject: sourceKey }, ...span };
}

export function stored(sourceKey: string, fields: Partial<EventState> = {}): EventState {
  return {
    sourceKey,
    graphId: `g-${sourceKey}`,
    contentHash: 'h1',
    changeKey: 'ck1',
    ...inside,
    userDeletedHash: null,
    lastSyncedAt: '2026-11-30T00:00:00.000Z',
    ...fields,
  };
}

/** The calendar copy matching a state row (never written since its creation unless `fields` say so), with changes. */
export function listed(row: EventState, fields: Partial<RemoteEvent> = {}): RemoteEvent {
  const { sourceKey, graphId, changeKey, contentHash, startUtc, endUtc } = row;
  return { sourceKey, graphId, changeKey, contentHash, startUtc, endUtc, modifiedSinceCreated: false, ...fields };
}

export function planOf(input: Partial<PlanInput>) {
  return plan({
    desired: [],
    state: [],
    window,
    policy: { onUserDelete: 'respect', maxDeleteShare: 1 },
    sourceTrusted: true,
    ...input,
  });
}

/** One line per action, e.g. `update k g-k If-Match ck1 → h2`. */
export function line(action: PlanAction): string {
  switch (action.kind) {
    case 'create':
      return `create ${action.sourceKey} → ${action.desired.contentHash}`;
    case 'update':
      return `update ${action.sourceKey} ${action.graphId} If-Match ${action.changeKey} → ${action.desired.contentHash}`;
    case 'overwrite-user-edit':
      return `overwrite-user-edit ${action.sourceKey} ${action.graphId} If-Match ${action.changeKey} → ${action.desired.contentHash}`;
    case 'delete':
      return `delete ${action.sourceKey} ${action.graphId}`;
    case 'adopt':
      return `adopt ${action.sourceKey} ${action.remote.graphId}${action.update ? ` → ${action.update.contentHash}` : ''}`;
    case 'remove-duplicate':
      return `remove-duplicate ${action.sourceKey} ${action.graphId} (keep ${action.keptGraphId})`;
    case 'forget':
      return `forget ${action.sourceKey}`;
    case 'mark-user-deleted':
      return `mark-user-deleted ${action.sourceKey} ${action.deletedHash}`;
    case 'recreate':
      return `recreate ${action.sourceKey} (was ${action.previousGraphId}) → ${action.desired.contentHash}`;
  }
}

export const actionsOf = (input: Partial<PlanInput>) => planOf(input).actions.map(line);

export const k = stored('k');
export const deletedK = stored('k', { userDeletedHash: 'h1' });

// Test support: a model of one person's calendar and state, and an executor for plans that follows the rules the
// real executor must (404 on delete is done; 404 on update applies the user-deleted rule). It throws when a plan
// touches an event that does not carry our marker or names the wrong key: the property tests' safety net.
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import { overlapsWindow } from '../model/sync-window.ts';
import type { Plan, PlanAction } from './index.ts';
import type { PlanPolicy } from './plan-input.ts';
import { afterUserDelete } from './user-deleted-policy.ts';

export interface ModelEvent {
  readonly graphId: string;
  readonly changeKey: string;
  /** Null: a foreign event (the user's own, another app's). */
  readonly marker: { readonly sourceKey: string; readonly contentHash: string | null } | null;
  readonly startUtc: string;
  readonly endUtc: string;
  /** Stands for everything else on the event; a user edit changes it. */
  readonly content: string;
  /** Written after its creation (by us or the user): what `lastModifiedDateTime` later than created shows. */
  readonly modifiedSinceCreated: boolean;
}

export class ModelWorld {
  readonly calendar = new Map<string, ModelEvent>();
  readonly state = new Map<string, EventState>();
  private counter = 0;

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  /** What a reconcile listing returns: our events (overlapping `window` when given). */
  listOurs(window?: SyncWindow): RemoteEvent[] {
    const listed: RemoteEvent[] = [];
    for (const event of this.calendar.values()) {
      if (event.marker === null || (window !== undefined && !overlapsWindow(event, window))) continue;
      const { graphId, changeKey, startUtc, endUtc, modifiedSinceCreated } = event;
      listed.push({
        graphId,
        changeKey,
        sourceKey: event.marker.sourceKey,
        contentHash: event.marker.contentHash,
        startUtc,
        endUtc,
        modifiedSinceCreated,
      });
    }
    return listed;
  }

  foreignEvents(): ModelEvent[] {
    return [...this.calendar.values()].filter((event) => event.marker === null);
  }

  /** Runs every action as the executor would, recording each result in the state. */
  apply(plan: Plan, policy: PlanPolicy): void {
    for (const action of plan.actions) this.run(action, policy);
  }

  private run(action: PlanAction, policy: PlanPolicy): void {
    switch (action.kind) {
      case 'create':
        this.create(action.desired);
        return;
      case 'recreate':
        this.create(action.desired);
        return;
      case 'update':
      case 'overwrite-user-edit': {
        if (!this.calendar.has(action.graphId)) {
          // 404: the user deleted it since we last looked.
          const previous = this.state.get(action.sourceKey);
          const outcome = afterUserDelete(policy.onUserDelete, action.desired.contentHash, previous?.contentHash ?? '');
          if (outcome === 'recreate') {
            this.create(action.desired);
            return;
          }
          if (previous !== undefined)
            this.state.set(action.sourceKey, { ...previous, userDeletedHash: previous.contentHash });
          return;
        }
        this.write(action.graphId, action.sourceKey, action.desired);
        return;
      }
      case 'delete':
      case 'remove-duplicate': {
        this.assertOurs(action.graphId, action.sourceKey);
        this.calendar.delete(action.graphId);
        if (action.kind === 'delete') this.state.delete(action.sourceKey);
        return;
      }
      case 'adopt': {
        this.assertOurs(action.remote.graphId, action.sourceKey);
        const { graphId, changeKey, startUtc, endUtc } = action.remote;
        this.state.set(action.sourceKey, {
          sourceKey: action.sourceKey,
          graphId,
          changeKey,
          contentHash: action.remote.contentHash ?? '',
          startUtc,
          endUtc,
          userDeletedHash: null,
          lastSyncedAt: 'now',
        });
        if (action.update !== null) this.write(graphId, action.sourceKey, action.update);
        return;
      }
      case 'forget':
        this.state.delete(action.sourceKey);
        return;
      case 'mark-user-deleted': {
        const previous = this.state.get(action.sourceKey);
        if (previous === undefined) throw new Error(`mark-user-deleted of unknown key ${action.sourceKey}`);
        this.state.set(action.sourceKey, { ...previous, userDeletedHash: action.deletedHash });
        return;
      }
    }
  }

  private assertOurs(graphId: string, sourceKey: string): void {
    const event = this.calendar.get(graphId);
    if (event === undefined) return; // 404 on delete: already gone, which is what we wanted.
    if (event.marker === null) throw new Error(`touched foreign event ${graphId}`);
    if (event.marker.sourceKey !== sourceKey)
      throw new Error(`event ${graphId} is ${event.marker.sourceKey}, not ${sourceKey}`);
  }

  private create(desired: DesiredEvent): void {
    const graphId = this.nextId('g');
    this.calendar.set(graphId, {
      graphId,
      changeKey: this.nextId('ck'),
      marker: { sourceKey: desired.sourceKey, contentHash: desired.contentHash },
      startUtc: desired.startUtc,
      endUtc: desired.endUtc,
      content: desired.contentHash,
      modifiedSinceCreated: false,
    });
    this.record(graphId, desired);
  }

  private write(graphId: string, sourceKey: string, desired: DesiredEvent): void {
    this.assertOurs(graphId, sourceKey);
    const event = this.calendar.get(graphId);
    if (event === undefined) throw new Error(`write to missing event ${graphId}`);
    this.calendar.set(graphId, {
      ...event,
      changeKey: this.nextId('ck'),
      marker: { sourceKey, contentHash: desired.contentHash },
      startUtc: desired.startUtc,
      endUtc: desired.endUtc,
      content: desired.contentHash,
      modifiedSinceCreated: true,
    });
    this.record(graphId, desired);
  }

  private record(graphId: string, desired: DesiredEvent): void {
    const event = this.calendar.get(graphId);
    this.state.set(desired.sourceKey, {
      sourceKey: desired.sourceKey,
      graphId,
      changeKey: event?.changeKey ?? '',
      contentHash: desired.contentHash,
      startUtc: desired.startUtc,
      endUtc: desired.endUtc,
      userDeletedHash: null,
      lastSyncedAt: 'now',
    });
  }
}

// What one answer from Graph means for one operation: done (and what the store records), try again, try
// something else first, or give up — for this item, or for the whole mailbox.

import type { Event } from '@microsoft/microsoft-graph-types';
import { classifyFailure, failureClassOf } from '../graph/classify-failure.ts';
import { deleteSucceeded, writtenEvent } from '../graph/event-requests.ts';
import type { GraphResponse } from '../graph/graph-client.ts';
import { GraphProtocolError } from '../graph/graph-error.ts';
import { copiesFromLookup } from '../graph/own-events.ts';
import { modifiedSinceCreated } from '../mapping/marker-query.ts';
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import { afterUserDelete, type UserDeletePolicy } from '../planner/index.ts';
import type { EventStateChange, GraphWriteAction } from '../store/index.ts';
import type { ItemOutcome } from './batch-scheduler.ts';
import type { Operation } from './operation.ts';

/** What an operation achieved, for the run's summary. */
export type Tally = 'created' | 'updated' | 'deleted' | 'found' | 'kept-user-deleted';

export interface Judgement {
  readonly outcome: ItemOutcome<Operation>;
  readonly change?: EventStateChange;
  readonly tally?: Tally;
  /** Audit row facts for a write (lookups are reads and are not audited). */
  readonly audit?: AuditFacts;
}

export interface AuditFacts {
  readonly action: GraphWriteAction;
  readonly graphId: string | null;
  readonly status: number | null;
  readonly errorCode: string | null;
}

export function judgeResponse(operation: Operation, response: GraphResponse, policy: UserDeletePolicy): Judgement {
  const audit = auditOf(operation, response);
  if (operation.kind === 'delete') {
    if (deleteSucceeded(response)) {
      return {
        outcome: { kind: 'done' },
        tally: 'deleted',
        audit,
        ...(operation.keep ? {} : { change: { kind: 'delete', sourceKey: operation.sourceKey } }),
      };
    }
    return { ...failed(response), audit };
  }
  if (operation.kind === 'lookup') {
    if (response.error) return failed(response);
    const [copy] = copiesFromLookup(response.body, operation.desired.sourceKey, operation.run.mailbox.label);
    if (!copy) return { outcome: { kind: 'replace', payload: { ...operation, kind: 'create' } } };
    if (copy.modifiedSinceCreated) return { outcome: { kind: 'replace', payload: rewrite(operation, copy.graphId) } };
    const state = stateOf(operation.desired, copy.graphId, copy.changeKey, copy.contentHash ?? '');
    return { outcome: { kind: 'done' }, change: { kind: 'upsert', state }, tally: 'found' };
  }
  if (response.error) {
    if (operation.kind === 'update' && classifyFailure(response.error).kind === 'gone') {
      return { ...userDeleted(operation, policy), audit };
    }
    return { ...failed(response, operation), audit };
  }
  let written: { graphId: string; changeKey: string };
  try {
    written = writtenEvent(response, operation.run.mailbox.label);
  } catch (error) {
    return { outcome: { kind: 'failed', error: error as GraphProtocolError }, audit };
  }
  // A create repeated after a lost answer gets back the event its transactionId made then. Written since its
  // creation, it holds the owner's edit (a write of ours would have been recorded): write the timetable over it.
  if (operation.kind === 'create' && modifiedSinceCreated(response.body as Event)) {
    return {
      outcome: { kind: 'replace', payload: rewrite(operation, written.graphId) },
      audit: { ...audit, graphId: written.graphId },
    };
  }
  return {
    outcome: { kind: 'done' },
    change: { kind: 'upsert', state: stateOf(operation.desired, written.graphId, written.changeKey) },
    tally: operation.kind === 'create' ? 'created' : 'updated',
    audit: { ...audit, graphId: written.graphId },
  };
}

/** The whole `$batch` got no usable answer (reset, timeout, outer 5xx): each item judged alike. */
export function judgeBatchFailure(operation: Operation, error: Error): Judgement {
  const failure = failureClassOf(error);
  if (!failure) return { outcome: { kind: 'retry', error } };
  if (failure.ambiguous && operation.kind === 'create') {
    return { outcome: { kind: 'replace', payload: { ...operation, kind: 'lookup' }, error } };
  }
  if (failure.kind === 'auth') return { outcome: { kind: 'abort-mailbox', error } };
  if (failure.retryable) {
    return {
      outcome: {
        kind: 'retry',
        error,
        ...(failure.retryAfterMs === undefined ? {} : { afterMs: failure.retryAfterMs }),
      },
    };
  }
  return { outcome: { kind: 'failed', error } };
}

function failed(response: GraphResponse, operation?: Operation): Pick<Judgement, 'outcome'> {
  const error = response.error ?? new GraphProtocolError(`unexpected status ${response.status}`);
  const failure = classifyFailure(error);
  if (failure.ambiguous && operation?.kind === 'create') {
    return { outcome: { kind: 'replace', payload: { ...operation, kind: 'lookup' }, error } };
  }
  if (failure.kind === 'mailbox' || failure.kind === 'auth') return { outcome: { kind: 'abort-mailbox', error } };
  if (failure.retryable) {
    return {
      outcome: {
        kind: 'retry',
        error,
        ...(failure.retryAfterMs === undefined ? {} : { afterMs: failure.retryAfterMs }),
      },
    };
  }
  return { outcome: { kind: 'failed', error } };
}

/** An update found the event gone: the user deleted it in Outlook. */
function userDeleted(operation: Extract<Operation, { kind: 'update' }>, policy: UserDeletePolicy): Judgement {
  const next = afterUserDelete(policy, operation.desired.contentHash, operation.previousHash ?? '');
  if (next === 'keep-deleted') {
    return {
      outcome: { kind: 'done' },
      change: { kind: 'userDeleted', sourceKey: operation.desired.sourceKey },
      tally: 'kept-user-deleted',
    };
  }
  return {
    outcome: {
      kind: 'replace',
      payload: { kind: 'create', run: operation.run, desired: operation.desired, replaces: operation.graphId },
    },
  };
}

/** The PATCH that puts the timetable's content over a copy of ours someone edited before we recorded it. */
function rewrite(operation: Extract<Operation, { kind: 'create' | 'lookup' }>, graphId: string): Operation {
  return {
    kind: 'update',
    run: operation.run,
    graphId,
    desired: operation.desired,
    previousHash: operation.desired.contentHash,
  };
}

function stateOf(
  desired: DesiredEvent,
  graphId: string,
  changeKey: string,
  contentHash = desired.contentHash,
): EventState {
  return {
    sourceKey: desired.sourceKey,
    graphId,
    contentHash,
    changeKey,
    startUtc: desired.startUtc,
    endUtc: desired.endUtc,
    userDeletedHash: null,
    lastSyncedAt: new Date().toISOString(),
  };
}

function auditOf(operation: Operation, response: GraphResponse): AuditFacts {
  const action: GraphWriteAction =
    operation.kind === 'delete' ? 'delete' : operation.kind === 'update' ? 'update' : 'create';
  return {
    action,
    graphId: operation.kind === 'delete' || operation.kind === 'update' ? operation.graphId : null,
    status: response.status,
    errorCode: response.error?.graphCode ?? null,
  };
}

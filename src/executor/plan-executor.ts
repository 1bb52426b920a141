// Runs plans against Microsoft Graph: turns each person's actions into operations, lets the batch scheduler send
// them as `$batch` requests, and records every result in the store as its batch answers (state + audit log), so a
// crash loses at most the batches in flight and the next run repairs those without duplicates.
import type { Kysely } from 'kysely';
import { failureClassOf } from '../graph/classify-failure.ts';
import type { GraphClient, GraphResponse } from '../graph/graph-client.ts';
import { GraphTransportError } from '../graph/graph-error.ts';
import { isThrottledStatus } from '../graph/graph-stats.ts';
import type { EventState } from '../model/event-state.ts';
import type { PlanAction, UserDeletePolicy } from '../planner/index.ts';
import {
  applyEventStateChanges,
  type Database,
  type EventStateChange,
  type GraphWriteInput,
  recordBatchResults,
} from '../store/index.ts';
import { BatchScheduler, type ItemOutcome } from './batch-scheduler.ts';
import { type Judgement, judgeBatchFailure, judgeResponse, type Tally } from './judge-result.ts';
import { MailboxThrottledError } from './mailbox-throttled-error.ts';
import { type Operation, operationRequest, type PersonRun, sourceKeyOf } from './operation.ts';

export interface PlanExecutorOptions {
  readonly client: GraphClient;
  readonly db: Kysely<Database>;
  readonly onUserDelete: UserDeletePolicy;
  readonly batchSize?: number;
  readonly maxConcurrentBatches?: number;
  readonly maxAttempts?: number;
}

export interface ActionFailure {
  readonly sourceKey: string;
  readonly error: Error;
}

export interface ExecutionResult {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  /** Creates whose answer was lost and that a lookup by marker found in the calendar. */
  readonly found: number;
  readonly keptUserDeleted: number;
  /** Actions that needed only the store (adopt, forget, mark-user-deleted). */
  readonly recorded: number;
  readonly failures: readonly ActionFailure[];
  /** Set when the mailbox itself cannot be used (no mailbox, access denied, token refused). */
  readonly mailboxError: Error | undefined;
  /** `$batch` requests sent for this person, and throttled answers among their items. */
  readonly graphRequests: number;
  readonly throttled: number;
  /** Set when a Retry-After longer than `maxWaitMs` stopped the run: when the mailbox may be written again. */
  readonly throttledUntil?: Date;
}

export interface ExecuteOptions {
  /** Wait at most this long for one Retry-After; a longer one ends the run with `throttledUntil` set. */
  readonly maxWaitMs?: number;
}

interface MailboxTraffic {
  requests: number;
  throttled: number;
}

export class PlanExecutor {
  private readonly options: PlanExecutorOptions;
  private readonly scheduler: BatchScheduler<Operation>;
  private readonly traffic = new Map<string, MailboxTraffic>();

  constructor(options: PlanExecutorOptions) {
    this.options = options;
    this.scheduler = new BatchScheduler<Operation>({
      send: (mailbox, operations) => this.send(mailbox, operations),
      ...(options.batchSize === undefined ? {} : { maxBatchSize: options.batchSize }),
      ...(options.maxConcurrentBatches === undefined ? {} : { maxConcurrentBatches: options.maxConcurrentBatches }),
      ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    });
  }

  /** Runs one person's actions; resolves when every action has settled (never rejects for a Graph failure). */
  async execute(
    run: PersonRun,
    actions: readonly PlanAction[],
    state: readonly EventState[],
    options: ExecuteOptions = {},
  ): Promise<ExecutionResult> {
    const stateByKey = new Map(state.map((row) => [row.sourceKey, row]));
    const local: EventStateChange[] = [];
    const operations: Operation[] = [];
    for (const action of actions) {
      const change = localChange(action);
      if (change) local.push(change);
      const operation = operationFor(run, action, stateByKey.get(action.sourceKey));
      if (operation) operations.push(operation);
    }
    if (local.length > 0) await applyEventStateChanges(this.options.db, run.personId, local);

    this.scheduler.resetMailbox(run.mailbox.label);
    const traffic: MailboxTraffic = { requests: 0, throttled: 0 };
    this.traffic.set(run.mailbox.label, traffic);
    const results = await this.scheduler.submit(run.mailbox.label, operations, options).finally(() => {
      this.traffic.delete(run.mailbox.label);
    });
    const tallies = new Map<Tally, number>();
    const failures: ActionFailure[] = [];
    let mailboxError: Error | undefined;
    let throttledUntil: Date | undefined;
    for (const result of results) {
      if (result.kind === 'done') {
        const tally = result.value as Tally | undefined;
        if (tally) tallies.set(tally, (tallies.get(tally) ?? 0) + 1);
      } else {
        failures.push({ sourceKey: sourceKeyOf(result.payload), error: result.error });
        if (isMailboxError(result.error)) mailboxError ??= result.error;
        const until = result.error instanceof MailboxThrottledError ? result.error.retryAt : undefined;
        if (until && !(throttledUntil && throttledUntil >= until)) throttledUntil = until;
      }
    }
    return {
      created: tallies.get('created') ?? 0,
      updated: tallies.get('updated') ?? 0,
      deleted: tallies.get('deleted') ?? 0,
      found: tallies.get('found') ?? 0,
      keptUserDeleted: tallies.get('kept-user-deleted') ?? 0,
      recorded: local.length,
      failures,
      mailboxError,
      graphRequests: traffic.requests,
      throttled: traffic.throttled,
      ...(throttledUntil ? { throttledUntil } : {}),
    };
  }

  /** One `$batch` for one mailbox: send, judge each item, record the results, hand the outcomes back. */
  private async send(mailbox: string, operations: readonly Operation[]): Promise<ItemOutcome<Operation>[]> {
    const { client } = this.options;
    const traffic = this.traffic.get(mailbox);
    let judgements: Judgement[];
    try {
      if (traffic) traffic.requests++;
      const responses = await client.batch(operations.map(operationRequest));
      if (traffic) traffic.throttled += responses.filter((r) => isThrottledStatus(r.status)).length;
      judgements = operations.map((operation, index) =>
        judgeResponse(operation, responses[index] as GraphResponse, this.options.onUserDelete),
      );
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      judgements = operations.map((operation) => {
        const judgement = judgeBatchFailure(operation, error);
        if (operation.kind === 'lookup') return judgement;
        const errorCode = error instanceof GraphTransportError ? `transport:${error.failure}` : error.name;
        const action = operation.kind === 'delete' ? 'delete' : operation.kind === 'update' ? 'update' : 'create';
        const graphId = operation.kind === 'create' ? null : operation.graphId;
        return { ...judgement, audit: { action, graphId, status: null, errorCode } };
      });
    }
    await this.record(operations, judgements);
    const again = judgements.filter((j) => j.outcome.kind === 'retry' || j.outcome.kind === 'replace').length;
    if (again > 0) client.stats.recordRetry(again);
    return judgements.map((judgement) =>
      judgement.outcome.kind === 'done' ? { kind: 'done', value: judgement.tally } : judgement.outcome,
    );
  }

  private async record(operations: readonly Operation[], judgements: readonly Judgement[]): Promise<void> {
    const [first] = operations;
    if (!first) return;
    const changes = judgements.flatMap((j) => (j.change ? [j.change] : []));
    const writes: GraphWriteInput[] = judgements.flatMap((j, index) => {
      const operation = operations[index] as Operation;
      return j.audit
        ? [
            {
              runId: operation.run.runId,
              personId: operation.run.personId,
              sourceKey: sourceKeyOf(operation),
              ...j.audit,
            },
          ]
        : [];
    });
    await recordBatchResults(this.options.db, first.run.personId, changes, writes);
  }
}

function operationFor(run: PersonRun, action: PlanAction, state: EventState | undefined): Operation | undefined {
  switch (action.kind) {
    case 'create':
      return { kind: 'create', run, desired: action.desired, replaces: null };
    case 'recreate':
      return { kind: 'create', run, desired: action.desired, replaces: action.previousGraphId };
    case 'update':
    case 'overwrite-user-edit':
      return {
        kind: 'update',
        run,
        graphId: action.graphId,
        desired: action.desired,
        previousHash: state?.contentHash ?? null,
      };
    case 'adopt':
      return action.update
        ? {
            kind: 'update',
            run,
            graphId: action.remote.graphId,
            desired: action.update,
            previousHash: action.remote.contentHash,
          }
        : undefined;
    case 'delete':
      return { kind: 'delete', run, sourceKey: action.sourceKey, graphId: action.graphId, keep: false };
    case 'remove-duplicate':
      return { kind: 'delete', run, sourceKey: action.sourceKey, graphId: action.graphId, keep: true };
    case 'forget':
    case 'mark-user-deleted':
      return undefined;
  }
}

/** The store-only part of an action: recorded before any Graph request of the run. */
function localChange(action: PlanAction): EventStateChange | undefined {
  switch (action.kind) {
    case 'forget':
      return { kind: 'delete', sourceKey: action.sourceKey };
    case 'mark-user-deleted':
      return { kind: 'userDeleted', sourceKey: action.sourceKey };
    case 'adopt':
      return {
        kind: 'upsert',
        state: {
          sourceKey: action.sourceKey,
          graphId: action.remote.graphId,
          contentHash: action.remote.contentHash ?? '',
          changeKey: action.remote.changeKey,
          startUtc: action.remote.startUtc,
          endUtc: action.remote.endUtc,
          userDeletedHash: null,
          lastSyncedAt: new Date().toISOString(),
        },
      };
    default:
      return undefined;
  }
}

function isMailboxError(error: Error): boolean {
  const kind = failureClassOf(error)?.kind;
  return kind === 'mailbox' || kind === 'auth';
}

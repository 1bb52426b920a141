// One person's run: read the timetable, load the state, list the calendar when a reconcile is due, plan, then
// execute (or stop after planning for a dry run, or hold the plan for an admin). Every failure becomes that
// person's outcome and status; nothing here throws for a Graph, source or token problem (invariant 6).

import { needsReconnect } from '../auth/delegated-auth-error.ts';
import { failureClassOf } from '../graph/classify-failure.ts';
import { listOwnEvents } from '../graph/own-events.ts';
import { desiredEvents, type EventCategory, eventCategories } from '../mapping/index.ts';
import type { Person } from '../model/person.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import { syncWindow } from '../model/sync-window.ts';
import { type Plan, plan, type UserDeletePolicy } from '../planner/index.ts';
import {
  finishRun,
  getPerson,
  type HeldPlanReason,
  holdPlan,
  loadEventStates,
  type PersonRecord,
  type RunOutcome,
  recordPersonStatus,
  startRun,
} from '../store/index.ts';
import { describeFailure } from './describe-failure.ts';
import type { Engine } from './engine.ts';
import { type MailboxTarget, mailboxTarget } from './mailbox-target.ts';
import { personEvents, personMapping } from './person-mapping.ts';
import { NO_OUTCOME_COUNTS, type OutcomeCounts, type PersonOutcome } from './person-outcome.ts';
import { canSkipPlanning, finishUnchanged, recordApplied } from './unchanged-read.ts';

export type SyncKind = 'sync' | 'reconcile' | 'dry-run';

export interface SyncPersonOptions {
  readonly kind: SyncKind;
  readonly now?: Date;
  /** List the calendar (reconcile) even on a plain sync: the scheduled reconcile is due. */
  readonly reconcileDue?: boolean;
  /** An admin approved a held plan deleting this many events. */
  readonly approvedDeletes?: number | null;
  /** This run's rule for events the user deleted or edited ("reset my calendar": `restore`); else `sync.onUserDelete`. */
  readonly onUserDelete?: UserDeletePolicy;
  /** Where to write; built from the person (application or delegated permissions) when absent. See mailbox-target.ts. */
  readonly target?: MailboxTarget;
  /**
   * Wait at most this long for a write's Retry-After; a longer one ends the run with `throttledUntil` set (a
   * worker reschedules instead of waiting). Reads give up likewise when the engine's `readRetry` says so.
   */
  readonly maxThrottleWaitMs?: number;
}

export async function syncPerson(
  engine: Engine,
  person: Person | PersonRecord,
  options: SyncPersonOptions,
): Promise<PersonOutcome> {
  const { db } = engine.store;
  const { sync } = engine.config;
  const now = options.now ?? new Date();
  const window = syncWindow(now, sync.pastDays, sync.futureDays);
  // The person's own settings and how we reach their calendar; a caller holding the record saves the read.
  const record = 'settings' in person ? person : await getPerson(db, person.id);
  const onUserDelete = options.onUserDelete ?? sync.onUserDelete;
  const target =
    options.target ??
    mailboxTarget(engine, { ...person, ...(record ? { authMode: record.authMode } : {}) }, { onUserDelete });
  const { mailbox } = target;
  const state = await loadEventStates(db, person.id);
  // A first sync (no state) lists the calendar too: it adopts what an earlier, lost database created.
  const listing = options.kind === 'reconcile' || options.reconcileDue === true || state.length === 0;
  const runKind = options.kind === 'dry-run' ? 'dry_run' : listing ? 'reconcile' : 'sync';
  let listed = false;
  // The listing's pages count among the run's Graph requests (the executor counts only what it sends).
  let listingRequests = 0;
  const run = await startRun(db, { personId: person.id, kind: runKind });
  const base = { personId: person.id, mailbox: person.mailbox, plan: null, graphRequests: 0, throttled: 0 };

  const fail = async (error: unknown): Promise<PersonOutcome> => {
    const { reason, code } = describeFailure(error);
    await finishRun(db, run.id, {
      outcome: 'failed',
      counts: runCounts(NO_OUTCOME_COUNTS, listingRequests, 0),
      error: reason,
      errorCode: code,
    });
    if (options.kind !== 'dry-run')
      await recordPersonStatus(db, person.id, {
        status: needsReconnect(error) ? 'reconnect_needed' : 'failing',
        reason,
        code,
        syncedAt: new Date().toISOString(),
      });
    const until = throttledUntil(error);
    return {
      ...base,
      status: 'failed',
      counts: NO_OUTCOME_COUNTS,
      reason,
      code,
      graphRequests: listingRequests,
      listed,
      ...(until ? { throttledUntil: until } : {}),
    };
  };

  let planned: Plan;
  let categories: readonly EventCategory[] = [];
  try {
    await target.ready();
    const read = await engine.source.read(person, window);
    if (read.kind === 'unknown-person') {
      return await fail(
        Object.assign(
          new Error(`${person.id} is not in the timetable source (${engine.source.description}); nothing was changed`),
          { code: 'NOT_IN_SOURCE' },
        ),
      );
    }
    const events = personEvents(engine.config, record?.settings, read.events);
    // A timetable read unchanged since a run that wrote all of it needs no plan (see unchanged-read.ts).
    const settings = record?.settings;
    const plainSync = options.kind === 'sync' && !listing && state.length > 0;
    const skip = plainSync && options.approvedDeletes === undefined && options.onUserDelete === undefined;
    if (await canSkipPlanning(engine, { personId: person.id, runId: run.id, settings, read, plainSync: skip })) {
      const unchanged = events.filter((event) => event.status === 'confirmed').length;
      return await finishUnchanged(engine, person, run.id, settings, unchanged);
    }
    const mapping = personMapping(engine.config, record?.settings);
    const desired = desiredEvents(events, mapping);
    categories = eventCategories(events, mapping);
    let remote: RemoteEvent[] | null = null;
    if (listing) {
      remote = await listOwnEvents(target.graph, mailbox, {
        window,
        onRequest: () => {
          listingRequests++;
        },
      });
      listed = true;
    }
    planned = plan({
      desired,
      state,
      remote,
      window,
      policy: { onUserDelete, maxDeleteShare: sync.maxDeleteShare },
      sourceTrusted: true,
      ...(options.approvedDeletes === undefined ? {} : { approvedDeletes: options.approvedDeletes }),
    });

    if (options.kind === 'dry-run') {
      const counts = planCounts(planned);
      await finishRun(db, run.id, {
        outcome: planned.status === 'held' ? 'held' : 'succeeded',
        counts: runCounts(counts, listingRequests, 0),
      });
      return {
        ...base,
        status: 'planned',
        counts,
        reason: planned.hold?.message ?? null,
        code: planned.hold?.reason ?? null,
        plan: planned,
        graphRequests: listingRequests,
        listed,
      };
    }
    if (planned.status === 'held') {
      const hold = planned.hold;
      await holdPlan(db, {
        personId: person.id,
        runId: run.id,
        reason: hold.reason as HeldPlanReason,
        summary: {
          current: hold.current,
          creates: planned.counts.create + planned.counts.recreate,
          updates: planned.counts.update + planned.counts.overwriteUserEdit,
          deletes: hold.deletes,
          sampleDeletes: planned.heldActions
            .flatMap((a) => (a.kind === 'delete' ? [{ sourceKey: a.sourceKey, start: a.startUtc }] : []))
            .slice(0, 10),
        },
      });
      await finishRun(db, run.id, {
        outcome: 'held',
        counts: runCounts(NO_OUTCOME_COUNTS, listingRequests, 0),
        error: hold.message,
        errorCode: hold.reason,
      });
      await recordPersonStatus(db, person.id, {
        status: 'held',
        reason: hold.message,
        code: hold.reason,
        syncedAt: new Date().toISOString(),
      });
      return {
        ...base,
        status: 'held',
        counts: NO_OUTCOME_COUNTS,
        reason: hold.message,
        code: hold.reason,
        plan: planned,
        graphRequests: listingRequests,
        listed,
      };
    }
  } catch (error) {
    return fail(error);
  }

  // Categories first, so the events that name them show coloured at once; a category problem never stops the run.
  // Only when events are written or the calendar was listed (a reconcile), so an unchanged run costs nothing.
  const writes = planned.actions.some((a) => ['create', 'recreate', 'update', 'overwrite-user-edit'].includes(a.kind));
  const categorySetup =
    (writes || listed) && engine.categories
      ? await engine.categories.ensure(target.graph, mailbox, person.id, categories)
      : { kind: 'none' as const };
  const result = await target.executor.execute(
    { personId: person.id, runId: run.id, mailbox },
    planned.actions,
    // The state the plan was made from: nothing of this person's was recorded since (one run per person at a time).
    state,
    options.maxThrottleWaitMs === undefined ? {} : { maxWaitMs: options.maxThrottleWaitMs },
  );
  if (categorySetup.kind === 'denied' && !result.mailboxError && (listed || result.graphRequests > 0)) {
    engine.categories?.calendarReached(person.id);
  }
  const counts: OutcomeCounts = {
    created: result.created + result.found,
    updated: result.updated,
    deleted: result.deleted,
    adopted: planned.counts.adopt,
    unchanged: planned.counts.unchanged,
    failed: result.failures.length,
  };
  const firstFailure = result.mailboxError ?? result.failures[0]?.error;
  const outcome: RunOutcome =
    result.failures.length === 0
      ? 'succeeded'
      : result.mailboxError || counts.created + counts.updated + counts.deleted === 0
        ? 'failed'
        : 'partial';
  const described = firstFailure ? describeFailure(firstFailure) : { reason: null, code: null };
  const reason =
    described.reason && result.failures.length > 1
      ? `${described.reason} (and ${result.failures.length - 1} more failed)`
      : described.reason;
  await finishRun(db, run.id, {
    outcome,
    counts: runCounts(counts, listingRequests + result.graphRequests, result.throttled),
    error: reason,
    errorCode: described.code,
  });
  recordApplied(engine, person.id, run.id, record?.settings, outcome === 'succeeded');
  await recordPersonStatus(db, person.id, {
    status: outcome === 'succeeded' ? 'ok' : needsReconnect(firstFailure) ? 'reconnect_needed' : 'failing',
    reason,
    code: described.code,
    syncedAt: new Date().toISOString(),
  });
  return {
    ...base,
    status: outcome === 'succeeded' ? 'succeeded' : outcome === 'partial' ? 'partial' : 'failed',
    counts,
    reason,
    code: described.code,
    graphRequests: listingRequests + result.graphRequests,
    throttled: result.throttled,
    listed,
    ...(result.throttledUntil ? { throttledUntil: result.throttledUntil.toISOString() } : {}),
  };
}

/** A read that gave up on a throttled mailbox (429/503 with Retry-After): when it may be tried again. */
function throttledUntil(error: unknown): string | undefined {
  const failure = failureClassOf(error);
  if (failure?.kind !== 'throttled' || failure.retryAfterMs === undefined) return undefined;
  return new Date(Date.now() + failure.retryAfterMs).toISOString();
}

function planCounts(planned: Plan): OutcomeCounts {
  const c = planned.counts;
  return {
    created: c.create + c.recreate,
    updated: c.update + c.overwriteUserEdit,
    deleted: c.delete + c.removeDuplicate,
    adopted: c.adopt,
    unchanged: c.unchanged,
    failed: 0,
  };
}

function runCounts(counts: OutcomeCounts, graphRequests: number, throttled: number) {
  return { ...counts, graphRequests, throttled };
}

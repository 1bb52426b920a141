// Purge: delete every event that carries our marker from a person's calendar, at any date, and forget their state.
// It works from the calendar itself (invariant 2), so it needs no database; a dry run lists what would go.

import { listOwnEvents } from '../graph/own-events.ts';
import type { Person } from '../model/person.ts';
import type { PlanAction } from '../planner/index.ts';
import {
  clearEventStates,
  finishRun,
  getPerson,
  loadEventStates,
  type PersonRecord,
  startRun,
} from '../store/index.ts';
import { describeFailure } from './describe-failure.ts';
import type { Engine } from './engine.ts';
import { type MailboxTarget, mailboxTarget } from './mailbox-target.ts';
import { NO_OUTCOME_COUNTS, type PersonOutcome } from './person-outcome.ts';

export async function purgePerson(
  engine: Engine,
  person: Person | PersonRecord,
  /** `target`: where to delete; built from the person (application or delegated permissions) when absent. */
  options: { dryRun: boolean; target?: MailboxTarget },
): Promise<PersonOutcome> {
  const { db } = engine.store;
  const record = 'authMode' in person ? person : await getPerson(db, person.id);
  const target =
    options.target ?? mailboxTarget(engine, { ...person, ...(record ? { authMode: record.authMode } : {}) });
  const { mailbox } = target;
  const run = await startRun(db, { personId: person.id, kind: options.dryRun ? 'dry_run' : 'purge' });
  const base = { personId: person.id, mailbox: person.mailbox, plan: null, listed: true };
  try {
    await target.ready();
    const events = await listOwnEvents(target.graph, mailbox);
    const actions: PlanAction[] = events.map((event) => ({
      kind: 'delete',
      sourceKey: event.sourceKey,
      graphId: event.graphId,
      changeKey: event.changeKey,
      startUtc: event.startUtc,
      endUtc: event.endUtc,
    }));
    if (options.dryRun) {
      const counts = { ...NO_OUTCOME_COUNTS, deleted: actions.length };
      await finishRun(db, run.id, { outcome: 'succeeded', counts: { ...counts, graphRequests: 0, throttled: 0 } });
      const sample = events.slice(0, 5).map((e) => `${e.startUtc.slice(0, 16)} ${e.subject}`);
      const reason =
        actions.length === 0
          ? null
          : `would delete ${actions.length}: ${sample.join('; ')}${events.length > 5 ? '; …' : ''}`;
      return { ...base, status: 'planned', counts, reason, code: null, graphRequests: 0, throttled: 0 };
    }
    const result = await target.executor.execute(
      { personId: person.id, runId: run.id, mailbox },
      actions,
      await loadEventStates(db, person.id),
    );
    const failed = result.failures.length;
    if (failed === 0) await clearEventStates(db, person.id);
    const counts = { ...NO_OUTCOME_COUNTS, deleted: result.deleted, failed };
    const first = result.mailboxError ?? result.failures[0]?.error;
    const described = first ? describeFailure(first) : { reason: null, code: null };
    await finishRun(db, run.id, {
      outcome: failed === 0 ? 'succeeded' : result.deleted > 0 ? 'partial' : 'failed',
      counts: { ...counts, graphRequests: result.graphRequests, throttled: result.throttled },
      error: described.reason,
      errorCode: described.code,
    });
    return {
      ...base,
      status: failed === 0 ? 'succeeded' : result.deleted > 0 ? 'partial' : 'failed',
      counts,
      reason: described.reason,
      code: described.code,
      graphRequests: result.graphRequests,
      throttled: result.throttled,
    };
  } catch (error) {
    const { reason, code } = describeFailure(error);
    await finishRun(db, run.id, {
      outcome: 'failed',
      counts: { ...NO_OUTCOME_COUNTS, graphRequests: 0, throttled: 0 },
      error: reason,
      errorCode: code,
    });
    return { ...base, status: 'failed', counts: NO_OUTCOME_COUNTS, reason, code, graphRequests: 0, throttled: 0 };
  }
}

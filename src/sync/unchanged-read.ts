// Skipping the plan for a timetable that did not change: when the source says a read returned exactly what its
// previous read of the person did (`unchanged`, a feed's 304), and the run before this one wrote that read in
// full with the same settings, planning could only find nothing to do. Which run wrote which read is remembered
// in this process only; the store's last run must be that one, so a dry run, a failed or partial run, or another
// process's run in between always leads to a normal plan.
import type { Person } from '../model/person.ts';
import type { SourceResult } from '../source/index.ts';
import { finishRun, listRuns, recordPersonStatus } from '../store/index.ts';
import type { Engine } from './engine.ts';
import { NO_OUTCOME_COUNTS, type PersonOutcome } from './person-outcome.ts';

interface Applied {
  readonly runId: string;
  /** The person's settings the run mapped with (JSON). */
  readonly settings: string;
}

const appliedByEngine = new WeakMap<Engine, Map<string, Applied>>();

function applied(engine: Engine): Map<string, Applied> {
  let map = appliedByEngine.get(engine);
  if (map === undefined) {
    map = new Map();
    appliedByEngine.set(engine, map);
  }
  return map;
}

export interface SkipCheck {
  readonly personId: string;
  readonly runId: string;
  readonly settings: unknown;
  readonly read: SourceResult;
  /** Only a plain sync without listing, on a person with state, with the configured policies, may skip. */
  readonly plainSync: boolean;
}

export async function canSkipPlanning(engine: Engine, check: SkipCheck): Promise<boolean> {
  if (!check.plainSync || check.read.kind !== 'timetable' || check.read.unchanged !== true) return false;
  const last = applied(engine).get(check.personId);
  if (last === undefined || last.settings !== JSON.stringify(check.settings ?? null)) return false;
  const previous = (await listRuns(engine.store.db, check.personId, { limit: 2 })).find(
    (run) => run.id !== check.runId,
  );
  return previous?.id === last.runId;
}

/** After a run: remember it when it wrote everything it read (a succeeded sync or reconcile), else forget. */
export function recordApplied(
  engine: Engine,
  personId: string,
  runId: string,
  settings: unknown,
  complete: boolean,
): void {
  if (complete) applied(engine).set(personId, { runId, settings: JSON.stringify(settings ?? null) });
  else applied(engine).delete(personId);
}

/** Ends a run that skipped planning: succeeded, every event unchanged, nothing sent. */
export async function finishUnchanged(
  engine: Engine,
  person: Person,
  runId: string,
  settings: unknown,
  unchanged: number,
): Promise<PersonOutcome> {
  const { db } = engine.store;
  const counts = { ...NO_OUTCOME_COUNTS, unchanged };
  await finishRun(db, runId, { outcome: 'succeeded', counts: { ...counts, graphRequests: 0, throttled: 0 } });
  await recordPersonStatus(db, person.id, {
    status: 'ok',
    reason: null,
    code: null,
    syncedAt: new Date().toISOString(),
  });
  recordApplied(engine, person.id, runId, settings, true);
  return {
    personId: person.id,
    mailbox: person.mailbox,
    status: 'succeeded',
    counts,
    reason: null,
    code: null,
    plan: null,
    graphRequests: 0,
    throttled: 0,
    listed: false,
  };
}

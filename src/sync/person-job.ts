// One queued piece of work for one person, as the web pages ask for it (`enqueue(personId, kind)`) and a worker
// runs it: a sync, a reconcile, or a reset ("restore every event I deleted or edited": a reconcile whose rule for
// user deletes is `restore` for that run only). People who must reconnect or who disconnected are not run: no
// retry can help them until they sign in again.
import { getPerson, type PersonStatus } from '../store/index.ts';
import type { Engine } from './engine.ts';
import type { PersonOutcome } from './person-outcome.ts';
import { syncPerson } from './sync-person.ts';

export const PERSON_JOB_KINDS = ['sync', 'reconcile', 'reset'] as const;
export type PersonJobKind = (typeof PERSON_JOB_KINDS)[number];

const notRunnable: readonly PersonStatus[] = ['reconnect_needed', 'disconnected'];

export interface PersonJobResult {
  /** Undefined when nothing ran; `skipped` says why. */
  readonly outcome: PersonOutcome | undefined;
  readonly skipped?: 'unknown-person' | 'reconnect-needed' | 'disconnected';
}

export async function runPersonJob(
  engine: Engine,
  personId: string,
  kind: PersonJobKind,
  options: { readonly now?: Date; readonly reconcileDue?: boolean; readonly maxThrottleWaitMs?: number } = {},
): Promise<PersonJobResult> {
  const person = await getPerson(engine.store.db, personId);
  if (!person) return { outcome: undefined, skipped: 'unknown-person' };
  if (notRunnable.includes(person.status)) {
    return {
      outcome: undefined,
      skipped: person.status === 'disconnected' ? 'disconnected' : 'reconnect-needed',
    };
  }
  const outcome = await syncPerson(engine, person, {
    kind: kind === 'sync' ? 'sync' : 'reconcile',
    ...(kind === 'reset' ? { onUserDelete: 'restore' as const } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.reconcileDue === undefined ? {} : { reconcileDue: options.reconcileDue }),
    ...(options.maxThrottleWaitMs === undefined ? {} : { maxThrottleWaitMs: options.maxThrottleWaitMs }),
  });
  return { outcome };
}

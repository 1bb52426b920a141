// Several listed events with the same source key (a create retried without a transactionId match, a restored
// backup): keep one, remove the others. The planner passes only listed events inside the window (invariant 5).
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';

export interface Copies {
  readonly kept: RemoteEvent | undefined;
  /** Extra copies to delete. */
  readonly extra: readonly RemoteEvent[];
}

/** Keeps the copy the state knows, else one already holding the desired content, else the lowest graphId. */
export function keepOneCopy(
  listed: readonly RemoteEvent[],
  state: EventState | undefined,
  desired: DesiredEvent | undefined,
): Copies {
  if (listed.length <= 1) return { kept: listed[0], extra: [] };
  const rank = (copy: RemoteEvent) =>
    copy.graphId === state?.graphId ? 0 : desired !== undefined && copy.contentHash === desired.contentHash ? 1 : 2;
  const [kept, ...others] = [...listed].sort(
    (a, b) => rank(a) - rank(b) || (a.graphId < b.graphId ? -1 : a.graphId > b.graphId ? 1 : 0),
  );
  return { kept, extra: others };
}

// The one rule for an event the user deleted from their calendar, shared by the planner (a listing found it gone)
// and the executor (an update answered 404): keep it deleted, put it back, or forget it.
import type { UserDeletePolicy } from './plan-input.ts';

export type UserDeletedOutcome = 'keep-deleted' | 'recreate' | 'forget';

/**
 * @param desiredHash the event's hash in the timetable now, null when it is no longer desired
 * @param deletedHash the hash the event had when the user deleted it
 */
export function afterUserDelete(
  policy: UserDeletePolicy,
  desiredHash: string | null,
  deletedHash: string,
): UserDeletedOutcome {
  if (desiredHash === null) return 'forget';
  if (policy === 'restore') return 'recreate';
  return desiredHash === deletedHash ? 'keep-deleted' : 'recreate';
}

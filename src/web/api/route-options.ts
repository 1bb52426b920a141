// What the API's routes share: their fastify route options (no CSRF, rate limits, body limit) and queueing the
// people a call touched.
import type { RouteShorthandOptions } from 'fastify';
import { ENQUEUES_AT_ONCE } from '../../jobs/enqueue-person-sync.ts';
import { runInLanes } from '../../jobs/run-in-lanes.ts';
import type { EnqueueReason, WebContext } from '../web-context.ts';

/** Largest push body: a whole timetable of one person, or a batch of changes. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ApiRouteOptions {
  /** The push routes: rate limited per client address, large bodies allowed. */
  readonly push: RouteShorthandOptions;
  /** Other API calls (sync now). */
  readonly call: RouteShorthandOptions;
}

export function apiRouteOptions(pushPerMinute: number): ApiRouteOptions {
  return {
    push: {
      bodyLimit: MAX_BODY_BYTES,
      config: { csrf: false, rateLimit: { max: pushPerMinute, timeWindow: 60_000 } },
    },
    call: { bodyLimit: 64 * 1024, config: { csrf: false, rateLimit: { max: pushPerMinute, timeWindow: 60_000 } } },
  };
}

/**
 * Queues a sync of each person, a few at a time. The write is already committed: if queueing fails, the next scheduled
 * sync still picks the change up, and the answer says `queued: false`.
 */
export async function enqueueAll(
  context: WebContext,
  personIds: readonly string[],
  reason: EnqueueReason,
): Promise<boolean> {
  const failed = await runInLanes(personIds, ENQUEUES_AT_ONCE, (personId) => context.enqueue(personId, 'sync', reason));
  for (const failure of failed) context.log(`api: could not queue a sync of ${failure.item}: ${failure.error}`);
  return failed.length === 0;
}

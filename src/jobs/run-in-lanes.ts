// Queueing many people's syncs at once (a push for a thousand people, a bench re-run) must not ask the database
// for a thousand connections at once: each enqueue holds a connection for its short transaction, and the pool has
// a handful. This runs the work a few at a time and collects failures instead of stopping at the first.

export interface LaneFailure<T> {
  readonly item: T;
  readonly error: unknown;
}

/** Calls `work` for every item, at most `lanes` at once; resolves with the items that failed and why. */
export async function runInLanes<T>(
  items: readonly T[],
  lanes: number,
  work: (item: T) => Promise<unknown>,
): Promise<LaneFailure<T>[]> {
  const failures: LaneFailure<T>[] = [];
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failures.push({ item, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, items.length) }, lane));
  return failures;
}

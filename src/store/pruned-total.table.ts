// The `pruned_run_total` and `pruned_write_total` tables: what the prune of the run history removed, summed by
// the labels of /metrics's counters, which add these to what sync_run and graph_write still hold.
import type { GraphWriteAction } from './graph-write.table.ts';
import type { RunKind, RunOutcome } from './sync-run.table.ts';

/** One row per kind and outcome of pruned runs (finished runs only: each has an outcome). */
export interface PrunedRunTotalTable {
  kind: RunKind;
  outcome: RunOutcome;
  runs: number;
  /** The sums of the pruned runs' `counts.graphRequests` and `counts.throttled`. */
  graphRequests: number;
  throttled: number;
}

/** One row per action and status of the pruned runs' Graph writes. */
export interface PrunedWriteTotalTable {
  action: GraphWriteAction;
  /** The HTTP status as text (`201`), `none` when no response came: the metric's label. */
  status: string;
  writes: number;
}

// The `sync_run` table: one row per run of the engine for one person (sync, reconcile, purge or dry run), with
// what it did and how it ended.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DefaultedJson, DefaultedTimestamp, NullableTimestamp } from './columns.ts';

export const RUN_KINDS = ['sync', 'reconcile', 'purge', 'dry_run'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** `partial`: some actions failed, the rest were written; `held`: the plan waits for an admin, nothing written. */
export const RUN_OUTCOMES = ['succeeded', 'partial', 'failed', 'held'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

export interface RunCounts {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly adopted: number;
  readonly unchanged: number;
  readonly failed: number;
  /** HTTP requests sent to Graph (a `$batch` counts once). */
  readonly graphRequests: number;
  /** Throttled responses (429, 503, 504), batch items included. */
  readonly throttled: number;
}

export const NO_COUNTS: RunCounts = {
  created: 0,
  updated: 0,
  deleted: 0,
  adopted: 0,
  unchanged: 0,
  failed: 0,
  graphRequests: 0,
  throttled: 0,
};

export interface SyncRunTable {
  id: Generated<string>;
  personId: string;
  kind: RunKind;
  startedAt: DefaultedTimestamp;
  /** Null while the run is going (or if its process died: the next run repairs what it left). */
  finishedAt: NullableTimestamp;
  outcome: ColumnType<RunOutcome | null, RunOutcome | null | undefined, RunOutcome | null>;
  counts: DefaultedJson<RunCounts>;
  error: string | null;
  errorCode: string | null;
}

export type SyncRunRow = Selectable<SyncRunTable>;

export interface SyncRun {
  readonly id: string;
  readonly personId: string;
  readonly kind: RunKind;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly outcome: RunOutcome | null;
  readonly counts: RunCounts;
  readonly error: string | null;
  readonly errorCode: string | null;
}

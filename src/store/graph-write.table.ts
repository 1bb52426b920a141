// The `graph_write` table: the audit log of every write we sent to Microsoft Graph (each attempt, throttled ones
// included), so an admin can see exactly what was done to a calendar and why it failed.
import type { Generated, Selectable } from 'kysely';
import type { DefaultedTimestamp } from './columns.ts';

export const GRAPH_WRITE_ACTIONS = ['create', 'update', 'delete'] as const;
export type GraphWriteAction = (typeof GRAPH_WRITE_ACTIONS)[number];

export interface GraphWriteTable {
  id: Generated<number>;
  runId: string;
  personId: string;
  action: GraphWriteAction;
  /** Null for a copy that is not ours to map (a duplicate removed by reconcile or a purge without a key). */
  sourceKey: string | null;
  /** Null when a create failed before Graph gave the event an id. */
  graphId: string | null;
  /** The HTTP status of the response (of the batch item); null when no response came (reset, timeout). */
  status: number | null;
  /** Graph's error code (`ErrorItemNotFound`, `TooManyRequests`, ...) or ours for a network failure. */
  errorCode: string | null;
  at: DefaultedTimestamp;
}

export type GraphWriteRow = Selectable<GraphWriteTable>;

export interface GraphWrite {
  readonly id: number;
  readonly runId: string;
  readonly personId: string;
  readonly action: GraphWriteAction;
  readonly sourceKey: string | null;
  readonly graphId: string | null;
  readonly status: number | null;
  readonly errorCode: string | null;
  readonly at: string;
}

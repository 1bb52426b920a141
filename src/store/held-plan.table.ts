// The `held_plan` table: plans the engine refused to run on its own (they would delete too much of a calendar),
// waiting for an admin to approve or reject them. At most one open plan per person.
import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DefaultedTimestamp, Json, NullableTimestamp } from './columns.ts';

/** Why a plan was held; the engine may add reasons without a migration (the column is plain text). */
export type HeldPlanReason =
  /** More than `sync.maxDeleteShare` of the person's events would go. */
  'delete_share_exceeded';

export const PLAN_RESOLUTIONS = ['approved', 'rejected', 'superseded'] as const;
/** `superseded`: a newer plan for the same person replaced it before anyone decided. */
export type PlanResolution = (typeof PLAN_RESOLUTIONS)[number];

/** What an admin needs to decide: the size of the plan against what the calendar holds, and examples. */
export interface HeldPlanSummary {
  /** Our events in the person's calendar before the plan (the base of the delete share). */
  readonly current: number;
  readonly creates: number;
  readonly updates: number;
  readonly deletes: number;
  readonly sampleDeletes?: readonly { readonly sourceKey: string; readonly title?: string; readonly start?: string }[];
}

export interface HeldPlanTable {
  id: Generated<string>;
  personId: string;
  runId: string;
  reason: HeldPlanReason;
  summary: Json<HeldPlanSummary>;
  createdAt: DefaultedTimestamp;
  resolvedAt: NullableTimestamp;
  resolution: ColumnType<PlanResolution | null, PlanResolution | null | undefined, PlanResolution | null>;
  /** Who approved or rejected it (the admin's user name); null for `superseded`. */
  resolvedBy: string | null;
}

export type HeldPlanRow = Selectable<HeldPlanTable>;

export interface HeldPlan {
  readonly id: string;
  readonly personId: string;
  readonly runId: string;
  readonly reason: HeldPlanReason;
  readonly summary: HeldPlanSummary;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly resolution: PlanResolution | null;
  readonly resolvedBy: string | null;
}

// The store: people, the per-event state the planner works from, runs, the audit log of Graph writes and held
// plans, in PostgreSQL or embedded PGlite. Repository functions take `db` (or a transaction) first.

export * from './activity.repository.ts';
export * from './batch-results.repository.ts';
export * from './dashboard.repository.ts';
export type { Database } from './database.ts';
export * from './event-state.repository.ts';
export type { EventStateChange } from './event-state.table.ts';
export * from './graph-write.repository.ts';
export type { GraphWrite, GraphWriteAction } from './graph-write.table.ts';
export * from './held-plan.repository.ts';
export type { HeldPlan, HeldPlanReason, HeldPlanSummary, PlanResolution } from './held-plan.table.ts';
export * from './history-retention.repository.ts';
export { inTransaction } from './in-transaction.ts';
export type { SharedPglite } from './locked-pglite.ts';
export { type DatabaseEngine, type OpenDatabaseOptions, openDatabase, type StoreDatabase } from './open-database.ts';
export * from './person.repository.ts';
export {
  PERSON_STATUSES,
  type PersonRecord,
  type PersonSettings,
  type PersonStatus,
} from './person.table.ts';
export * from './person-feed.repository.ts';
export * from './person-search.repository.ts';
export * from './person-token.repository.ts';
export type { StoredTokenCache } from './person-token.table.ts';
export { StoreError, type StoreErrorCode } from './store-error.ts';
export { createStoreMigrator, migrateToLatest } from './store-migrator.ts';
export * from './sync-run.repository.ts';
export {
  NO_COUNTS,
  RUN_KINDS,
  RUN_OUTCOMES,
  type RunCounts,
  type RunKind,
  type RunOutcome,
  type SyncRun,
} from './sync-run.table.ts';

// Works one `sync-all` job (the schedule's): records who the source's people are now, then queues one
// `sync-person` job per person, so every worker process shares the run. People who must reconnect or who
// disconnected are left out (their sync waits for them).
import type { PgBoss } from 'pg-boss';
import { canListPeople } from '../source/index.ts';
import { listPeople } from '../store/index.ts';
import type { Engine } from '../sync/engine.ts';
import { selectPeople } from '../sync/sync-people.ts';
import { enqueuePeopleSync } from './enqueue-person-sync.ts';
import { SYNC_JOB_REASONS, type SyncJobReason } from './sync-job.ts';

export interface SyncAllJob {
  readonly kind: 'sync' | 'reconcile';
  readonly reason?: SyncJobReason;
}

export interface SyncAllResult {
  readonly people: number;
  /** New jobs; the others already had one waiting. */
  readonly queued: number;
}

export async function runSyncAllJob(
  context: { readonly engine: Engine; readonly boss: PgBoss; readonly log: (line: string) => void },
  data: unknown,
): Promise<SyncAllResult> {
  const job = parseSyncAllJob(data);
  const { engine } = context;
  const started = Date.now();
  const people = canListPeople(engine.source) ? await selectPeople(engine) : await listPeople(engine.store.db);
  const waiting = new Set(
    (await listPeople(engine.store.db, { status: ['reconnect_needed', 'disconnected'] })).map((p) => p.id),
  );
  const ids = people.map((p) => p.id).filter((id) => !waiting.has(id));
  const queued = await enqueuePeopleSync(context.boss, ids, job.kind, job.reason ?? 'schedule');
  context.log(
    `sync-all ${job.kind}: ${ids.length} people, ${queued} queued (${ids.length - queued} already waiting), ` +
      `${waiting.size} waiting to reconnect; ${Date.now() - started} ms`,
  );
  return { people: ids.length, queued };
}

function parseSyncAllJob(data: unknown): SyncAllJob {
  const kind = (data as { kind?: unknown } | null)?.kind;
  const reason = (data as { reason?: unknown } | null)?.reason;
  const known = SYNC_JOB_REASONS.find((r) => r === reason);
  return { kind: kind === 'reconcile' ? 'reconcile' : 'sync', ...(known ? { reason: known } : {}) };
}

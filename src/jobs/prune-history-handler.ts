// Works one `prune-history` job (the daily schedule's): deletes the runs and Graph writes older than
// `service.keepHistoryDays`, and the runs that changed nothing older than `service.keepUnchangedRunsHours`.
import { type PrunedHistory, pruneHistory } from '../store/index.ts';
import type { Engine } from '../sync/engine.ts';

/** What the job leaves in pg-boss's `output`. */
export interface PruneHistoryResult extends PrunedHistory {
  readonly before: string;
  readonly unchangedBefore: string;
  readonly durationMs: number;
}

export async function runPruneHistoryJob(
  context: { readonly engine: Engine; readonly log: (line: string) => void },
  job: { readonly signal?: AbortSignal },
): Promise<PruneHistoryResult> {
  const now = new Date();
  const started = now.getTime();
  const { keepHistoryDays, keepUnchangedRunsHours } = context.engine.config.service;
  const before = new Date(now.getTime() - keepHistoryDays * 86_400_000);
  const unchangedBefore = new Date(now.getTime() - keepUnchangedRunsHours * 3_600_000);
  const pruned = await pruneHistory(context.engine.store.db, {
    before,
    unchangedBefore,
    ...(job.signal ? { signal: job.signal } : {}),
  });
  const durationMs = Date.now() - started;
  context.log(
    `prune-history: removed ${pruned.runs} runs and ${pruned.writes} writes older than ${before.toISOString()} ` +
      `(unchanged runs older than ${unchangedBefore.toISOString()}); ${durationMs} ms` +
      (pruned.complete ? '' : ' — stopped before the end, the next prune goes on'),
  );
  return { ...pruned, before: before.toISOString(), unchangedBefore: unchangedBefore.toISOString(), durationMs };
}

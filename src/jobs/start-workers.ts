// Registers this process's workers: `concurrency` sync-person jobs at once (each one person, so one mailbox),
// one sync-all fan-out at a time, and the daily prune of the run history. pg-boss heartbeats every job it hands
// out, so a process that dies (even by SIGKILL) has its jobs retried by the others.
import type { PgBoss } from 'pg-boss';
import type { Engine } from '../sync/engine.ts';
import { runPruneHistoryJob } from './prune-history-handler.ts';
import { PRUNE_HISTORY_QUEUE, SYNC_ALL_QUEUE, SYNC_PERSON_QUEUE } from './queues.ts';
import { runSyncAllJob } from './sync-all-handler.ts';
import { runSyncPersonJob } from './sync-person-handler.ts';

export interface WorkerOptions {
  /** Sync jobs worked on at once by this process. */
  readonly concurrency: number;
  /** How often an idle worker polls (LISTEN/NOTIFY wakes it sooner where it works). */
  readonly pollingIntervalSeconds: number;
  /** A write's Retry-After longer than this reschedules the person instead of waiting. */
  readonly maxThrottleWaitMs: number;
  readonly log: (line: string) => void;
}

export async function startWorkers(boss: PgBoss, engine: Engine, options: WorkerOptions): Promise<void> {
  const context = { engine, boss, maxThrottleWaitMs: options.maxThrottleWaitMs, log: options.log };
  const polling = {
    pollingIntervalSeconds: options.pollingIntervalSeconds,
    // With NOTIFY a new job wakes a worker at once; polling remains for deferred jobs coming due.
    notifyPollingIntervalSeconds: Math.max(options.pollingIntervalSeconds, 5),
  };
  // One pg-boss worker per slot rather than `localConcurrency`: pg-boss waits a polling interval after every
  // job of a one-job fetch, so each slot wakes itself (notifyWorker) when it finishes one and a backlog (the
  // scheduled run over everyone) drains at full speed. An empty fetch then waits as usual.
  for (let slot = 0; slot < options.concurrency; slot++) {
    let workerId: string | undefined;
    workerId = await boss.work(SYNC_PERSON_QUEUE, { ...polling, batchSize: 1 }, async ([job]) => {
      try {
        return job ? await runSyncPersonJob(context, job) : null;
      } finally {
        if (workerId) boss.notifyWorker(workerId);
      }
    });
  }
  await boss.work(SYNC_ALL_QUEUE, { ...polling, batchSize: 1 }, async ([job]) =>
    job ? runSyncAllJob(context, job.data) : null,
  );
  await boss.work(PRUNE_HISTORY_QUEUE, { ...polling, batchSize: 1 }, async ([job]) =>
    job ? runPruneHistoryJob(context, job) : null,
  );
}

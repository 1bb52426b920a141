// `serve` and `worker` start even while PostgreSQL is briefly out of reach (restarting, failing over, not up yet
// after a reboot): they try again for service.startupWaitSeconds, saying so, instead of exiting at once and
// leaving it to a process manager. Errors that waiting cannot fix (a wrong database name, a bad configuration)
// still fail at once.
import { StoreError } from '../store/store-error.ts';
import { type RunningService, type ServiceOptions, startService } from './start-service.ts';

/** Node's socket errors and PostgreSQL's "cannot connect now" / connection-exception SQLSTATEs. */
const transientCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const transientSqlStates = /^(57P0[1-3]|08\d{3})$/;

export interface StartupWait {
  readonly retryEveryMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function startServiceWhenReachable(
  options: ServiceOptions,
  wait: StartupWait = {},
): Promise<RunningService> {
  const { config } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const retryEveryMs = wait.retryEveryMs ?? 2000;
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const giveUpAt = Date.now() + config.service.startupWaitSeconds * 1000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await startService(options);
    } catch (error) {
      const waiting = config.database.kind === 'postgres' && isUnreachable(error) && Date.now() < giveUpAt;
      if (!waiting) throw error;
      log(
        `${options.name}: the database cannot be reached (${(error as Error).message}); trying again in ` +
          `${retryEveryMs / 1000} s (attempt ${attempt}; service.startupWaitSeconds is ${config.service.startupWaitSeconds})`,
      );
      await sleep(retryEveryMs);
    }
  }
}

/** Whether the error, or any error it was caused by, says the server could not be reached right now. */
export function isUnreachable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (transientCodes.has(code) || transientSqlStates.test(code))) return true;
    if (/Connection terminated|the database system is (starting up|shutting down)/i.test(current.message)) return true;
    if (current instanceof StoreError && current.code !== 'database_unavailable') return false;
  }
  return false;
}

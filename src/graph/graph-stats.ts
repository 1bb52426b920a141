// Counters of what we asked of Microsoft Graph in a run: the CLI prints them and the benchmark divides by them.

export interface GraphStatsSnapshot {
  /** HTTP requests sent (a `$batch` POST counts once). */
  readonly httpRequests: number;
  /** Requests inside `$batch` POSTs (Graph's per-mailbox limits count these one by one). */
  readonly batchItems: number;
  /** Throttled answers (429/503/504), outer requests and batch items alike. */
  readonly throttled: number;
  /** Calls or batch items sent again after a failure. */
  readonly retries: number;
  /** Requests that got no HTTP answer at all (timeout, reset, connect, TLS). */
  readonly transportFailures: number;
}

export class GraphStats {
  httpRequests = 0;
  batchItems = 0;
  throttled = 0;
  retries = 0;
  transportFailures = 0;

  recordRetry(count = 1): void {
    this.retries += count;
  }

  snapshot(): GraphStatsSnapshot {
    return {
      httpRequests: this.httpRequests,
      batchItems: this.batchItems,
      throttled: this.throttled,
      retries: this.retries,
      transportFailures: this.transportFailures,
    };
  }
}

export function isThrottledStatus(status: number): boolean {
  return status === 429 || status === 503 || status === 504;
}

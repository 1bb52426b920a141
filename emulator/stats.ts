// Request counters per application and mailbox, for the inspection API (tests and benchmarks read them).

export interface Counters {
  requests: number;
  throttled: number;
  faults: number;
  byStatus: Record<string, number>;
}

export class Stats {
  /** `${clientId}|${mailbox user id or '-'}` → counters. HTTP requests and $batch items both count. */
  private readonly counters = new Map<string, Counters>();
  httpRequests = 0;

  record(clientId: string, mailbox: string | undefined, status: number, outcome?: 'throttled' | 'fault'): void {
    const key = `${clientId}|${mailbox ?? '-'}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = { requests: 0, throttled: 0, faults: 0, byStatus: {} };
      this.counters.set(key, counters);
    }
    counters.requests++;
    if (outcome === 'throttled') counters.throttled++;
    if (outcome === 'fault') counters.faults++;
    counters.byStatus[status] = (counters.byStatus[status] ?? 0) + 1;
  }

  report(): {
    httpRequests: number;
    totals: Counters;
    perApplicationMailbox: (Counters & { clientId: string; mailbox: string })[];
  } {
    const totals: Counters = { requests: 0, throttled: 0, faults: 0, byStatus: {} };
    const rows = [...this.counters.entries()].map(([key, c]) => {
      const [clientId = '', mailbox = ''] = key.split('|');
      totals.requests += c.requests;
      totals.throttled += c.throttled;
      totals.faults += c.faults;
      for (const [status, n] of Object.entries(c.byStatus))
        totals.byStatus[status] = (totals.byStatus[status] ?? 0) + n;
      return { clientId, mailbox, ...c, byStatus: { ...c.byStatus } };
    });
    return { httpRequests: this.httpRequests, totals, perApplicationMailbox: rows };
  }

  reset(): void {
    this.counters.clear();
    this.httpRequests = 0;
  }
}

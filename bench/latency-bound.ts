// The throughput bound that latency alone sets, computed: Graph (and the emulator) runs the items of one `$batch`
// 4 at a time, each taking a random service time in [min, max]; a mailbox has one batch in flight, and the
// engine keeps at most C batches in flight overall. So with M mailboxes of B batches each:
//
//   time ≥ L + M·B·T / min(C, M)      (T: mean time of one batch, L: mean time of one listing GET)
//
// and never less than one mailbox's own chain L + B·T. T is the mean makespan of 20 items on 4 parallel lanes
// (each item goes to the first lane that frees up, as the emulator schedules them), found by simulation.

export interface LatencyBoundInput {
  readonly mailboxes: number;
  readonly eventsPerMailbox: number;
  readonly batchSize: number;
  readonly maxConcurrentBatches: number;
  readonly latencyMs: { readonly min: number; readonly max: number };
  /** Items of one batch served at once (Graph: 4, the per-mailbox concurrency). */
  readonly lanes?: number;
}

export interface LatencyBound {
  /** Mean time of one full batch, ms. */
  readonly batchMs: number;
  /** Mean time of one listing GET, ms. */
  readonly listingMs: number;
  readonly batchesPerMailbox: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export function latencyBound(input: LatencyBoundInput): LatencyBound {
  const lanes = input.lanes ?? 4;
  const { min, max } = input.latencyMs;
  const full = Math.floor(input.eventsPerMailbox / input.batchSize);
  const rest = input.eventsPerMailbox % input.batchSize;
  const batchesPerMailbox = full + (rest > 0 ? 1 : 0);
  const fullMs = meanMakespan(input.batchSize, lanes, min, max);
  const restMs = rest > 0 ? meanMakespan(rest, lanes, min, max) : 0;
  const listingMs = (min + max) / 2;
  const mailboxBatchMs = full * fullMs + restMs;
  const parallel = Math.min(input.maxConcurrentBatches, input.mailboxes);
  const ms = Math.max(listingMs + (input.mailboxes * mailboxBatchMs) / parallel, listingMs + mailboxBatchMs);
  const seconds = ms / 1000;
  return {
    batchMs: batchesPerMailbox > 0 ? mailboxBatchMs / batchesPerMailbox : 0,
    listingMs,
    batchesPerMailbox,
    seconds,
    eventsPerSecond: (input.mailboxes * input.eventsPerMailbox) / seconds,
  };
}

/** Mean time for `items` jobs of uniform [min, max] duration on `lanes` lanes, first free lane first. */
export function meanMakespan(items: number, lanes: number, min: number, max: number, trials = 20_000): number {
  let random = 12345;
  const next = () => {
    // A small linear congruential generator: the same figure on every run.
    random = (Math.imul(random, 1103515245) + 12345) >>> 0;
    return random / 4294967296;
  };
  let total = 0;
  const free = new Array<number>(lanes);
  for (let trial = 0; trial < trials; trial++) {
    free.fill(0);
    for (let item = 0; item < items; item++) {
      let lane = 0;
      for (let l = 1; l < lanes; l++) if ((free[l] ?? 0) < (free[lane] ?? 0)) lane = l;
      free[lane] = (free[lane] ?? 0) + min + next() * (max - min);
    }
    total += Math.max(...free);
  }
  return total / trials;
}

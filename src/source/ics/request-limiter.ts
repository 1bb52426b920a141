// Keeps feed requests to what a timetabling server is asked to bear: at most N at once and at most R starts per
// second, shared by every person read through one source.

export interface RequestLimiter {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export interface RequestLimiterOptions {
  readonly maxConcurrent: number;
  readonly perSecond: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export function createRequestLimiter(options: RequestLimiterOptions): RequestLimiter {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const spacing = 1000 / options.perSecond;
  const waiting: (() => void)[] = [];
  let active = 0;
  let nextStart = Number.NEGATIVE_INFINITY;
  return {
    async run(task) {
      if (active < options.maxConcurrent) active++;
      // A finishing task hands its place straight to the next in line, so `active` never dips in between.
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        const at = Math.max(now(), nextStart);
        nextStart = at + spacing;
        const wait = at - now();
        if (wait > 0) await sleep(wait);
        return await task();
      } finally {
        const next = waiting.shift();
        if (next === undefined) active--;
        else next();
      }
    },
  };
}

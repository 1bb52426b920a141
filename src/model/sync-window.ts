// The sync window: the stretch of time the engine manages. Events are written only when they overlap it, and
// deleted only inside it; what ends before its start stays in the calendar as history.

export interface SyncWindow {
  /** UTC ISO instants (`Date.prototype.toISOString`). */
  readonly startUtc: string;
  readonly endUtc: string;
}

const dayMs = 86_400_000;

/** [now - pastDays, now + futureDays]. */
export function syncWindow(now: Date, pastDays: number, futureDays: number): SyncWindow {
  return {
    startUtc: new Date(now.getTime() - pastDays * dayMs).toISOString(),
    endUtc: new Date(now.getTime() + futureDays * dayMs).toISOString(),
  };
}

/** True when [startUtc, endUtc) overlaps the window; a zero-length event counts when its instant is inside. */
export function overlapsWindow(
  span: { readonly startUtc: string; readonly endUtc: string },
  window: SyncWindow,
): boolean {
  const start = Date.parse(span.startUtc);
  const end = Date.parse(span.endUtc);
  const windowStart = Date.parse(window.startUtc);
  const windowEnd = Date.parse(window.endUtc);
  return start < windowEnd && (end > windowStart || (end === start && start >= windowStart));
}

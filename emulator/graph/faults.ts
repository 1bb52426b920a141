// Fault injection: a share of requests fails the way Graph fails under load. Draws come from the context's seeded
// random in arrival order, so the same seed and the same requests give the same faults.
import type { EmulatorContext } from '../context.ts';
import type { FaultKind } from '../seed.ts';
import { type GraphResponse, graphError } from './graph-request.ts';

/**
 * Where a fault lands. A plain request can get any kind; the outer `$batch` request only the connection faults
 * (a dropped connection or no answer); a batch item only an answer (429/503/504), since it has no connection.
 */
export type FaultSite = 'request' | 'batch' | 'batch-item';

export type StatusFault = '429' | '503' | '504';
export type ConnectionFault = Exclude<FaultKind, StatusFault>;

const statusFaults: readonly FaultKind[] = ['429', '503', '504'];

export function isStatusFault(kind: FaultKind): kind is StatusFault {
  return statusFaults.includes(kind);
}

function applies(site: FaultSite, kind: FaultKind): boolean {
  if (site === 'request') return true;
  return site === 'batch-item' ? isStatusFault(kind) : !isStatusFault(kind);
}

/** Decides whether this request fails, and how; undefined lets it through. Draws nothing when no kind applies. */
export function drawFault(context: EmulatorContext, site: FaultSite): FaultKind | undefined {
  const { rate, kinds } = context.faults;
  if (rate <= 0) return undefined;
  const candidates = kinds.filter((kind) => applies(site, kind));
  if (candidates.length === 0) return undefined;
  if (context.random() >= rate) return undefined;
  return candidates[Math.floor(context.random() * candidates.length)];
}

/** The answer Graph gives for a status fault; `Retry-After` of 1-3 seconds for 429 and 503. */
export function faultResponse(context: EmulatorContext, kind: StatusFault): GraphResponse {
  switch (kind) {
    case '429':
      return graphError(429, 'TooManyRequests', 'Too many requests.', { 'Retry-After': retryAfter(context) });
    case '503':
      return graphError(503, 'ServiceUnavailable', 'Service is unavailable. Please retry later.', {
        'Retry-After': retryAfter(context),
      });
    case '504':
      return graphError(504, 'UnknownError', '');
  }
}

function retryAfter(context: EmulatorContext): string {
  return String(1 + Math.floor(context.random() * 3));
}

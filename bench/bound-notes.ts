// The notes under the sync benchmark's table: the bounds (measured with a plain client, and computed from the
// latency) and, for each first sync, the ratio the engine's CPU per event allows on a core of its own, which a
// busy shared machine does not disturb the way it disturbs wall-clock times.
import type { BoundResult } from './batch-bound.ts';
import type { Row } from './figures-table.ts';
import type { LatencyBound } from './latency-bound.ts';

export function describeBound(label: string, events: number, bound: BoundResult): string {
  return (
    `- Bound, latency ${label}: the same requests from a plain client (${bound.creates} creates, ` +
    `${bound.failures} failed, ${bound.httpRequests} HTTP requests) took ${bound.seconds.toFixed(1)} s = ` +
    `${rate(events / bound.seconds)} events/s (client CPU ${Math.round(bound.clientCpuMicros / events)} µs/event` +
    `${bound.emulatorCpuMicros ? `, emulator CPU ${Math.round(bound.emulatorCpuMicros / events)} µs/event` : ''}).`
  );
}

export function describeLatencyBound(mailboxes: number, cap: number, computed: LatencyBound): string {
  return (
    `- Computed latency bound: a batch of 20 on 4 lanes takes ${computed.batchMs.toFixed(0)} ms on average, ` +
    `a listing ${computed.listingMs.toFixed(0)} ms; ${mailboxes} mailboxes × ${computed.batchesPerMailbox} ` +
    `batches with ${cap} in flight: ${computed.seconds.toFixed(1)} s = ${rate(computed.eventsPerSecond)} events/s.`
  );
}

/** `boundRate`: events/s of the bound the row is compared with. */
export function describeProjection(row: Row, boundRate: number, boundName: string): string {
  const events = row.mailboxes * row.eventsPerMailbox;
  const cpuPerEvent = row.figures.engineCpuMicros / events;
  const engineRate = 1e6 / cpuPerEvent;
  return (
    `- CPU-limited ratio, first sync (${row.database}, latency ${row.latency}): ${Math.round(cpuPerEvent)} µs of ` +
    `engine CPU per event allow at most ${rate(engineRate)} events/s on one core; against the ${boundName} ` +
    `(${rate(boundRate)} events/s) that is a ratio of at most ${Math.min(1, engineRate / boundRate).toFixed(2)}.`
  );
}

function rate(eventsPerSecond: number): string {
  return Math.round(eventsPerSecond).toLocaleString('en-US');
}

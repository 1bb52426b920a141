// Simulated service time: every executed request and batch item waits a random time in limits.latencyMs.
// Math.random, not the fault generator, so changing the latency never changes which requests fail.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Limits } from '../seed.ts';

/** Resolves after a random time in [min, max] ms; at once (no timer at all) when max is 0. */
export function simulateLatency(limits: Limits): Promise<void> | undefined {
  const { min, max } = limits.latencyMs;
  if (max <= 0) return undefined;
  return sleep(min + Math.random() * (max - min));
}

// Test support for the Graph client tests: a GraphClient against the test emulator (real HTTPS, its CA trusted),
// the emulator's fault and inspection switches, and a lecture-like event.
import type { Event } from '@microsoft/microsoft-graph-types';
import { GraphClient, type GraphClientOptions } from '../../src/graph/graph-client.ts';
import type { TestEmulator } from '../support/emulator.ts';

export async function graphClientFor(
  emulator: TestEmulator,
  options: Partial<GraphClientOptions> = {},
): Promise<GraphClient> {
  const token = await emulator.appToken();
  return new GraphClient({
    graphEndpoint: emulator.url,
    caPem: emulator.emulator.caPem,
    tokenProvider: { getToken: async () => token },
    timeoutMs: 10_000,
    retry: { sleep: async () => {} },
    ...options,
  });
}

/** PUT /_emulator/<path> (faults, limits) or POST /_emulator/reset. */
export async function emulatorControl(
  emulator: TestEmulator,
  method: 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<void> {
  const response = await emulator.fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`${method} /_emulator${path}: ${response.status} ${await response.text()}`);
  await response.text();
}

/** A timetable-like event, `minutes` long, starting `dayOffset` days after 2026-12-01 09:00 UTC. */
export function lecture(subject: string, dayOffset = 0, minutes = 60): Event {
  const start = Date.UTC(2026, 11, 1, 9, 0) + dayOffset * 86_400_000;
  const wallClock = (ms: number) => new Date(ms).toISOString().slice(0, 19);
  return {
    subject,
    start: { dateTime: wallClock(start), timeZone: 'UTC' },
    end: { dateTime: wallClock(start + minutes * 60_000), timeZone: 'UTC' },
    showAs: 'busy',
  };
}

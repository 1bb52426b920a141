// The test's hands on a running emulator besides the product: fault and limit switches, the request statistics,
// and a second worker of the same application that keeps reading mailboxes (so the sync shares each mailbox's
// concurrency with it, as it would with a dashboard or another worker process).
import type { TestEmulator } from './emulator.ts';

export interface EmulatorStats {
  readonly totals: {
    readonly requests: number;
    readonly throttled: number;
    readonly faults: number;
    readonly byStatus: Readonly<Record<string, number>>;
  };
}

export interface FaultSettings {
  readonly rate: number;
  readonly kinds?: readonly ('429' | '503' | '504' | 'reset' | 'reset-after-write' | 'timeout')[];
  readonly seed?: number;
  readonly timeoutMs?: number;
}

export const allFaultKinds = ['429', '503', '504', 'reset', 'reset-after-write', 'timeout'] as const;

export async function setFaults(emulator: TestEmulator, faults: FaultSettings): Promise<void> {
  await put(emulator, 'faults', faults);
}

export async function setLimits(emulator: TestEmulator, limits: Record<string, unknown>): Promise<void> {
  await put(emulator, 'limits', limits);
}

export async function emulatorStats(emulator: TestEmulator): Promise<EmulatorStats> {
  const response = await emulator.fetch(`${emulator.url}/_emulator/stats`);
  return (await response.json()) as EmulatorStats;
}

export async function resetEmulator(emulator: TestEmulator): Promise<void> {
  const response = await emulator.fetch(`${emulator.url}/_emulator/reset`, { method: 'POST' });
  if (!response.ok) throw new Error(`POST /_emulator/reset: ${response.status} ${await response.text()}`);
  await response.text();
}

async function put(emulator: TestEmulator, what: 'faults' | 'limits', body: unknown): Promise<void> {
  const response = await emulator.fetch(`${emulator.url}/_emulator/${what}`, {
    method: 'PUT',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  if (!response.ok) throw new Error(`PUT /_emulator/${what}: ${response.status} ${await response.text()}`);
  await response.text();
}

export interface MailboxReader {
  /** Stops reading; resolves with how often the reader itself was throttled for mailbox concurrency. */
  stop(): Promise<{ readonly requests: number; readonly concurrencyThrottled: number }>;
}

/** Reads each mailbox's first event in a loop, one request in flight per mailbox, until stopped. */
export async function startMailboxReader(emulator: TestEmulator, upns: readonly string[]): Promise<MailboxReader> {
  const token = await emulator.appToken();
  let running = true;
  let requests = 0;
  let concurrencyThrottled = 0;
  const loop = async (upn: string) => {
    while (running) {
      requests++;
      try {
        const response = await emulator.fetch(`${emulator.url}/v1.0/users/${upn}/events?$top=1&$select=subject`, {
          headers: { authorization: `Bearer ${token}` },
        });
        const text = await response.text();
        if (response.status === 429 && text.includes('MailboxConcurrency')) concurrencyThrottled++;
      } catch {
        // An injected fault dropped the connection: this reader only exists to take up concurrency; go on.
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  };
  const loops = upns.map(loop);
  return {
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return { requests, concurrencyThrottled };
    },
  };
}

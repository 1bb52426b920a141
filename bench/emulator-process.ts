// The emulator as a child process for benchmarks (`node bin/timetable-sync.js emulator --port 0`), so that it
// runs on its own core, and its loopback-only counters (`GET /_emulator/stats`): requests, stored events, CPU.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, fetch } from 'undici';

export interface EmulatorStats {
  /** Every HTTP request the server took (Graph, sign-in and these stats reads). */
  readonly httpRequests: number;
  /** Graph requests as Outlook counts them: plain requests and `$batch` items, each once. */
  readonly graphRequests: number;
  readonly throttled: number;
  readonly storedEvents: number;
  /** User + system CPU of the emulator process since it started. */
  readonly cpuMicros: number;
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
}

export interface EmulatorProcess {
  readonly url: string;
  readonly caPath: string;
  readonly caPem: string;
  stats(): Promise<EmulatorStats>;
  stop(): Promise<void>;
}

export interface EmulatorProcessOptions {
  /** The seed as the emulator's `--seed` file takes it. */
  readonly seed: unknown;
  /** Extra node flags for the child, e.g. `--cpu-prof`. */
  readonly nodeArgs?: readonly string[];
}

export async function startEmulatorProcess(options: EmulatorProcessOptions): Promise<EmulatorProcess> {
  const directory = mkdtempSync(join(tmpdir(), 'tts-bench-emulator-'));
  const seedPath = join(directory, 'seed.json');
  const caPath = join(directory, 'ca.pem');
  writeFileSync(seedPath, JSON.stringify(options.seed));
  const bin = fileURLToPath(new URL('../bin/timetable-sync.js', import.meta.url));
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), bin, 'emulator', '--seed', seedPath, '--port', '0', '--ca-file', caPath],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await listeningUrl(child);
  const caPem = readFileSync(caPath, 'utf8');
  const agent = new Agent({ connect: { ca: caPem } });
  return {
    url,
    caPath,
    caPem,
    stats: () => readStats(agent, url),
    stop: async () => {
      await agent.close();
      child.kill('SIGTERM');
      await exited;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /emulator listening on (https:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code} before listening:\n${output}`)));
  });
}

async function readStats(agent: Agent, url: string): Promise<EmulatorStats> {
  const response = await fetch(`${url}/_emulator/stats`, { dispatcher: agent });
  if (!response.ok) throw new Error(`GET /_emulator/stats answered ${response.status}`);
  const stats = (await response.json()) as {
    httpRequests: number;
    totals: { requests: number; throttled: number };
    storedEvents: number;
    process: { heapUsedBytes: number; rssBytes: number; cpuUserMicros: number; cpuSystemMicros: number };
  };
  return {
    httpRequests: stats.httpRequests,
    graphRequests: stats.totals.requests,
    throttled: stats.totals.throttled,
    storedEvents: stats.storedEvents,
    cpuMicros: stats.process.cpuUserMicros + stats.process.cpuSystemMicros,
    heapUsedBytes: stats.process.heapUsedBytes,
    rssBytes: stats.process.rssBytes,
  };
}

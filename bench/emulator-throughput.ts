// Emulator throughput: how fast it stores simple event creates sent as $batch of 20 over several HTTPS connections,
// with zero latency, the CPU the server spends per create, and the heap per stored event. Run with
// `npx node bench/emulator-throughput.ts [--events 20000] [--mailboxes 200] [--connections 8] [--mode both]`.
// Mode `child` runs the emulator as `node bin/timetable-sync.js emulator` (client and server on separate cores),
// `in-process` runs it inside this process (one core for both), `both` runs the two one after the other.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Agent, fetch } from 'undici';
import { deterministicGuid } from '../emulator/directory.ts';
import { issueAppToken } from '../emulator/entra/access-token.ts';
import { startEmulator } from '../emulator/index.ts';
import { parseSeed } from '../emulator/seed.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    mailboxes: { type: 'string', default: '200' },
    connections: { type: 'string', default: '8' },
    mode: { type: 'string', default: 'both' },
  },
});
const totalEvents = Number(values.events);
const mailboxCount = Number(values.mailboxes);
const connections = Number(values.connections);

const tenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
const clientId = '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const secret = 'bench-secret';
const markerId = 'String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey';
const upn = (i: number) => `bench${i}@uni.example`;

interface Server {
  readonly url: string;
  readonly caPem: string;
  /** A Graph access token for the bench application. */
  token(): Promise<string>;
  stop(): Promise<void>;
}

interface StatsSample {
  readonly heapUsedBytes: number;
  readonly cpuMicros: number;
  readonly storedEvents: number;
}

interface Result {
  readonly mode: string;
  readonly creates: number;
  readonly failures: Record<string, number>;
  readonly seconds: number;
  readonly cpuMicros: number;
  readonly clientCpuMicros: number;
  readonly heapBytes: number;
  readonly storedEvents: number;
}

function benchSeed(): unknown {
  return {
    tenants: [
      {
        id: tenantId,
        domain: 'uni.example',
        users: Array.from({ length: mailboxCount }, (_, i) => ({
          id: deterministicGuid(`bench-user-${i}`),
          userPrincipalName: upn(i),
        })),
        applications: [
          { clientId, displayName: 'bench', secrets: [secret], applicationPermissions: ['Calendars.ReadWrite'] },
        ],
      },
    ],
    // Outlook's per-mailbox limits stay as they are (one batch in flight per mailbox respects them); the
    // application-wide limit is lifted so that it does not cap the figure being measured.
    limits: { appRequestsPer10Seconds: 100_000_000, latencyMs: { min: 0, max: 0 } },
  };
}

async function startChild(): Promise<Server> {
  const directory = mkdtempSync(join(tmpdir(), 'tts-bench-'));
  const seedPath = join(directory, 'seed.json');
  const caPath = join(directory, 'ca.pem');
  writeFileSync(seedPath, JSON.stringify(benchSeed()));
  const bin = fileURLToPath(new URL('../bin/timetable-sync.js', import.meta.url));
  const child = spawn(
    process.execPath,
    ['--expose-gc', bin, 'emulator', '--seed', seedPath, '--port', '0', '--ca-file', caPath],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const url = await listeningUrl(child);
  const caPem = readFileSync(caPath, 'utf8');
  return {
    url,
    caPem,
    token: () => tokenFromEndpoint(url, caPem),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((done) => child.once('exit', done));
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

async function tokenFromEndpoint(url: string, caPem: string): Promise<string> {
  const agent = new Agent({ connect: { ca: caPem } });
  const response = await fetch(`${url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
      scope: 'https://graph.microsoft.com/.default',
    }).toString(),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string };
  await agent.close();
  if (!response.ok || !body.access_token) {
    throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  }
  return body.access_token;
}

async function startInProcess(): Promise<Server> {
  // So /_emulator/stats?gc=1 can collect garbage before measuring the heap of this process.
  setFlagsFromString('--expose-gc');
  (globalThis as { gc?: unknown }).gc = runInNewContext('gc');
  const emulator = await startEmulator({ seed: parseSeed(benchSeed(), 'bench seed'), port: 0 });
  const { context } = emulator;
  const tenant = context.directory.tenant(tenantId);
  const application = tenant && context.directory.application(tenant, clientId);
  if (!tenant || !application) throw new Error('bench seed has no tenant or application');
  return {
    url: emulator.url,
    caPem: emulator.caPem,
    // Minted directly, as the tests do: the same token the token endpoint would give.
    token: async () =>
      (await issueAppToken(context.signingKey, tenant, application, 'https://graph.microsoft.com', 3600)).token,
    stop: () => emulator.close(),
  };
}

async function sample(agent: Agent, url: string): Promise<StatsSample> {
  const response = await fetch(`${url}/_emulator/stats?gc=1`, { dispatcher: agent });
  const stats = (await response.json()) as {
    storedEvents: number;
    process: { heapUsedBytes: number; cpuUserMicros: number; cpuSystemMicros: number };
  };
  return {
    heapUsedBytes: stats.process.heapUsedBytes,
    cpuMicros: stats.process.cpuUserMicros + stats.process.cpuSystemMicros,
    storedEvents: stats.storedEvents,
  };
}

/** A create as the sync engine sends it: marker property, transactionId, body, location, categories. */
function createItem(id: string, mailbox: number, n: number): Record<string, unknown> {
  const day = String(1 + (n % 28)).padStart(2, '0');
  const hour = String(8 + (n % 10)).padStart(2, '0');
  const key = `bench-${mailbox}-${n}`;
  return {
    id,
    method: 'POST',
    url: `/users/${upn(mailbox)}/events`,
    headers: { 'Content-Type': 'application/json' },
    body: {
      subject: `INF-${1000 + (n % 50)} Lecture`,
      start: { dateTime: `2026-11-${day}T${hour}:00:00`, timeZone: 'Europe/Amsterdam' },
      end: { dateTime: `2026-11-${day}T${hour}:45:00`, timeZone: 'Europe/Amsterdam' },
      location: { displayName: 'Lecture hall 2' },
      body: { contentType: 'text', content: 'Managed by the timetable; edits are overwritten.' },
      categories: ['Lecture'],
      transactionId: deterministicGuid(key),
      singleValueExtendedProperties: [{ id: markerId, value: key }],
    },
  };
}

async function run(mode: string, server: Server): Promise<Result> {
  const agent = new Agent({ connect: { ca: server.caPem }, connections, keepAliveTimeout: 60_000 });
  const token = await server.token();
  const before = await sample(agent, server.url);
  const failures: Record<string, number> = {};
  let creates = 0;
  let sent = 0;
  // One batch in flight per mailbox (as the sync engine does): worker w owns mailboxes w, w + connections, …
  const worker = async (w: number) => {
    const own = Array.from({ length: mailboxCount }, (_, i) => i).filter((i) => i % connections === w);
    let turn = 0;
    while (sent < totalEvents && own.length > 0) {
      const mailbox = own[turn++ % own.length] ?? 0;
      const size = Math.min(20, totalEvents - sent);
      const first = sent;
      sent += size;
      const requests = Array.from({ length: size }, (_, i) => createItem(String(i + 1), mailbox, first + i));
      const response = await fetch(`${server.url}/v1.0/$batch`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ requests }),
      });
      const body = (await response.json()) as { responses?: { status: number }[] };
      if (!response.ok) failures[`batch ${response.status}`] = (failures[`batch ${response.status}`] ?? 0) + size;
      for (const item of body.responses ?? []) {
        if (item.status === 201) creates++;
        else failures[item.status] = (failures[item.status] ?? 0) + 1;
      }
    }
  };
  const started = process.hrtime.bigint();
  const clientCpu = process.cpuUsage();
  await Promise.all(Array.from({ length: connections }, (_, w) => worker(w)));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const clientCpuUsed = process.cpuUsage(clientCpu);
  const after = await sample(agent, server.url);
  await agent.close();
  return {
    mode,
    creates,
    failures,
    seconds,
    cpuMicros: after.cpuMicros - before.cpuMicros,
    clientCpuMicros: clientCpuUsed.user + clientCpuUsed.system,
    heapBytes: after.heapUsedBytes - before.heapUsedBytes,
    storedEvents: after.storedEvents - before.storedEvents,
  };
}

function table(results: readonly Result[]): string {
  const rows = [
    [
      'mode',
      'creates',
      'seconds',
      'creates/s',
      'server CPU µs/create',
      'client CPU µs/create',
      'heap bytes/event',
      'failures',
    ],
    ...results.map((r) => [
      r.mode,
      String(r.creates),
      r.seconds.toFixed(2),
      Math.round(r.creates / r.seconds).toLocaleString('en-US'),
      r.creates ? Math.round(r.cpuMicros / r.creates).toString() : '-',
      r.creates && r.mode === 'child' ? Math.round(r.clientCpuMicros / r.creates).toString() : '-',
      r.storedEvents ? Math.round(r.heapBytes / r.storedEvents).toLocaleString('en-US') : '-',
      Object.keys(r.failures).length ? JSON.stringify(r.failures) : 'none',
    ]),
  ];
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((row) => row[c]?.length ?? 0))) ?? [];
  return rows.map((row) => row.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ')).join('\n');
}

const modes = values.mode === 'both' ? ['child', 'in-process'] : [String(values.mode)];
const results: Result[] = [];
for (const mode of modes) {
  const server = mode === 'child' ? await startChild() : await startInProcess();
  try {
    results.push(await run(mode, server));
  } finally {
    await server.stop();
  }
}
console.log(
  `${totalEvents} creates in $batch of 20 over ${mailboxCount} mailboxes, ${connections} connections, zero latency` +
    ' (in-process: the CPU column counts client and server together; heap is measured after a full GC)',
);
console.log(table(results));

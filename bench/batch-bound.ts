// The emulator's own throughput bound for the sync workload: the very requests the engine's first sync sends (one
// listing GET per mailbox, then its creates in `$batch` of 20, built by the engine's own mapping), sent by a client
// that does nothing else (no planning, no store), with the engine's concurrency: one batch in flight per mailbox
// and at most `maxConcurrentBatches` in flight overall. The engine cannot be faster than this.

import { Agent, fetch } from 'undici';
import type { Config } from '../src/config/index.ts';
import { operationRequest } from '../src/executor/operation.ts';
import { GraphClient, type GraphRequest, preferHeader } from '../src/graph/graph-client.ts';
import { type MailboxRef, userMailbox } from '../src/graph/mailbox-ref.ts';
import { listOwnEvents } from '../src/graph/own-events.ts';
import { desiredEvents } from '../src/mapping/index.ts';
import { syncWindow } from '../src/model/sync-window.ts';
import { canListPeople, createSource } from '../src/source/index.ts';

export interface BoundResult {
  readonly seconds: number;
  readonly creates: number;
  readonly failures: number;
  readonly httpRequests: number;
  /** User + system CPU of this client process while sending. */
  readonly clientCpuMicros: number;
  /** CPU the emulator spent meanwhile (filled in by the caller, who can read the emulator's counters). */
  readonly emulatorCpuMicros?: number;
}

export interface BoundOptions {
  readonly config: Config;
  readonly url: string;
  readonly caPem: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
}

interface MailboxWork {
  readonly mailbox: MailboxRef;
  /** Serialised `$batch` bodies. */
  readonly batches: string[];
}

export async function measureBound(options: BoundOptions): Promise<BoundResult> {
  const { config } = options;
  const work = await buildWork(config);
  const token = await tokenFromEndpoint(options);
  const client = new GraphClient({
    graphEndpoint: options.url,
    tokenProvider: { getToken: async () => token },
    caPem: options.caPem,
  });
  // Batches go out through undici's plain request API with their bodies serialised in advance: the client must
  // cost far less CPU than the emulator, or the figure would be the client's.
  // A generous connect timeout: on a busy shared machine a new TLS connection can take seconds.
  const agent = new Agent({ connect: { ca: options.caPem, timeout: 60_000 }, keepAliveTimeout: 60_000 });
  const batchUrl = new URL('/v1.0/$batch', options.url);
  const window = syncWindow(new Date(), config.sync.pastDays, config.sync.futureDays);
  const cap = config.sync.maxConcurrentMailboxes;
  let creates = 0;
  let failures = 0;
  let batchRequests = 0;
  const sendBatch = async (body: string) => {
    batchRequests++;
    const response = await agent.request({
      origin: batchUrl.origin,
      path: batchUrl.pathname,
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json' },
      body,
    });
    const answer = (await response.body.json()) as { responses?: { status: number }[] };
    if (response.statusCode !== 200 || !answer.responses) throw new Error(`$batch answered ${response.statusCode}`);
    for (const item of answer.responses) {
      if (item.status === 201) creates++;
      else failures++;
    }
  };
  // Listings run ahead (the engine lists while other mailboxes write, outside the write cap); `cap` writers each
  // take the next listed mailbox and send its batches one after the other: one batch in flight per mailbox, `cap`
  // overall, as the engine's scheduler does.
  const listed = work.map(() => Promise.withResolvers<void>());
  let nextToList = 0;
  const lister = async () => {
    while (nextToList < work.length) {
      const index = nextToList++;
      const item = work[index] as MailboxWork;
      const ready = listed[index] as PromiseWithResolvers<void>;
      await listOwnEvents(client, item.mailbox, { window }).then(() => ready.resolve(), ready.reject);
    }
  };
  let nextToWrite = 0;
  const writer = async () => {
    while (nextToWrite < work.length) {
      const index = nextToWrite++;
      await listed[index]?.promise;
      for (const body of (work[index] as MailboxWork).batches) await sendBatch(body);
    }
  };
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all([
    ...Array.from({ length: Math.min(2 * cap, work.length) }, lister),
    ...Array.from({ length: Math.min(cap, work.length) }, writer),
  ]);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  await client.close();
  await agent.close();
  return {
    seconds,
    creates,
    failures,
    httpRequests: client.stats.httpRequests + batchRequests,
    clientCpuMicros: used.user + used.system,
  };
}

/** Every person's creates as serialised `$batch` bodies, built up front so the timed part only sends. */
async function buildWork(config: Config): Promise<MailboxWork[]> {
  const source = createSource(config.source);
  if (!canListPeople(source)) throw new Error('the bound needs a source that lists its people');
  const window = syncWindow(new Date(), config.sync.pastDays, config.sync.futureDays);
  const work: MailboxWork[] = [];
  for (const person of await source.listPeople()) {
    const read = await source.read(person, window);
    if (read.kind !== 'timetable') throw new Error(`${person.id} is not in the timetable`);
    const mailbox = userMailbox(person.mailbox);
    const run = { personId: person.id, runId: 'bound', mailbox };
    const requests = desiredEvents(read.events, config.mapping).map((desired) =>
      operationRequest({ kind: 'create', run, desired, replaces: null }),
    );
    const batches: string[] = [];
    for (let i = 0; i < requests.length; i += config.sync.batchSize) {
      batches.push(batchBody(requests.slice(i, i + config.sync.batchSize)));
    }
    work.push({ mailbox, batches });
  }
  return work;
}

/** A `$batch` body as the engine's Graph client writes it (same headers, same item shape). */
function batchBody(requests: readonly GraphRequest[]): string {
  return JSON.stringify({
    requests: requests.map((request, index) => ({
      id: String(index + 1),
      method: request.method,
      url: request.path,
      ...(request.body === undefined ? {} : { body: request.body }),
      headers: { prefer: preferHeader, ...(request.body === undefined ? {} : { 'content-type': 'application/json' }) },
    })),
  });
}

async function tokenFromEndpoint(options: BoundOptions): Promise<string> {
  const agent = new Agent({ connect: { ca: options.caPem } });
  try {
    const response = await fetch(`${options.url}/${options.tenantId}/oauth2/v2.0/token`, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: options.clientId,
        client_secret: options.clientSecret,
        scope: 'https://graph.microsoft.com/.default',
      }).toString(),
    });
    const body = (await response.json().catch(() => ({}))) as { access_token?: string };
    if (!response.ok || !body.access_token) {
      throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
    }
    return body.access_token;
  } finally {
    await agent.close();
  }
}

// The web service against a test emulator: a configuration folder (certificate, the emulator's CA, a JSON
// timetable, embedded PGlite), an engine, and the app from buildWebApp, with `enqueue` running the job at once
// (what the jobs layer does later, in a worker). Optionally listening on a port reserved before the emulator
// starts, so the emulator's app registration can list the callback URL.
import { createServer } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { type PersonJobKind, runPersonJob } from '../../src/sync/person-job.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { writeConfigFolder } from '../support/config-file.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { lectures, type TimetableJson } from '../support/engine.ts';

export interface WebHarnessOptions {
  readonly mode: 'application' | 'delegated';
  /** Listen on 127.0.0.1 (for a real browser); otherwise use inject with http://localhost:3000 as public URL. */
  readonly listen?: boolean;
  readonly admins?: readonly string[];
  readonly timetable?: TimetableJson;
  readonly signInRateLimit?: { max: number; timeWindowMs: number };
  readonly extraSeed?: (seed: Record<string, unknown>) => void;
  readonly web?: Record<string, unknown>;
}

export interface WebHarness {
  readonly emulator: TestEmulator;
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly publicUrl: string;
  readonly dir: string;
  readonly jobs: { personId: string; kind: PersonJobKind }[];
  readonly log: string[];
  writeTimetable(timetable: TimetableJson): void;
  close(): Promise<void>;
}

/** s1 and s2 of the test tenant, five weekly lectures each starting tomorrow (and an exam for s1). */
export function defaultTimetable(): TimetableJson {
  const exam = {
    id: 's1-exam',
    start: `${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}T13:00`,
    end: `${new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)}T16:00`,
    title: 'Final exam',
    courseCode: 'INFO101',
    activityType: 'Exam',
    locations: ['Sports Hall'],
    status: 'confirmed',
  };
  return {
    timeZone: 'Europe/Amsterdam',
    people: [
      { id: 's1', mailbox: 's1@uni.example', events: [...lectures('s1-lec', 5), exam] },
      { id: 's2', mailbox: 's2@uni.example', events: lectures('s2-lec', 5) },
    ],
  };
}

export async function startWebHarness(options: WebHarnessOptions): Promise<WebHarness> {
  const port = options.listen ? await freePort() : 3000;
  const publicUrl = options.listen ? `http://127.0.0.1:${port}` : 'http://localhost:3000';
  const emulator = await startTestEmulator({
    extraSeed: (seed) => {
      const [tenant] = seed.tenants as { applications: { redirectUris: string[] }[] }[];
      tenant?.applications[0]?.redirectUris.push(`${publicUrl}/auth/callback`);
      options.extraSeed?.(seed);
    },
  });
  const folder = writeConfigFolder(emulator, options.timetable ?? defaultTimetable(), {
    microsoft: { auth: options.mode, redirectUri: `${publicUrl}/auth/callback` },
    web: { port, publicUrl, admins: options.admins ?? ['outsider@uni.example'], ...options.web },
  });
  const { dir, writeTimetable } = folder;
  const log: string[] = [];
  const engine = await createEngine(folder.load());
  const jobs: { personId: string; kind: PersonJobKind }[] = [];
  const app = await buildWebApp({
    engine,
    enqueue: async (personId, kind) => {
      jobs.push({ personId, kind });
      await runPersonJob(engine, personId, kind);
    },
    log: (line) => log.push(line),
    ...(options.signInRateLimit ? { signInRateLimit: options.signInRateLimit } : {}),
  });
  if (options.listen) await app.listen({ host: '127.0.0.1', port });
  return {
    emulator,
    engine,
    app,
    publicUrl,
    dir,
    jobs,
    log,
    writeTimetable,
    close: async () => {
      await app.close();
      await engine.close();
      await emulator.close();
    },
  };
}

/** A port nobody listens on right now (the server takes it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

// The service as the chaos run sets it up: a PostgreSQL server of its own (so it can be restarted without
// disturbing other tests), the emulator with one student per person (a password to connect with, seeded own
// appointments), delegated permissions with the push source, the web service in this process (sign-in, the push
// API, the scheduler) and `timetable-sync worker` processes doing every sync.
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../src/config/index.ts';
import { type RunningService, startService } from '../../src/service/start-service.ts';
import { createApiKey } from '../../src/web/api/api-keys.ts';
import { writeConfigFolder } from '../support/config-file.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../support/private-postgres.ts';
import { students, withStudents } from '../support/university.ts';
import { freePort } from '../web/web-harness.ts';
import type { ChaosPerson } from './timetable-stream.ts';
import { WorkerPool } from './worker-pool.ts';

export interface ChaosServiceOptions {
  readonly people: number;
  readonly workers: number;
  readonly concurrency: number;
}

export interface ChaosService {
  readonly emulator: TestEmulator;
  readonly postgres: PrivatePostgres;
  readonly config: Config;
  readonly configPath: string;
  readonly serviceUrl: string;
  readonly service: RunningService;
  readonly workers: WorkerPool;
  readonly people: readonly (ChaosPerson & { readonly password: string })[];
  readonly apiKey: string;
  /** The web service's log lines. */
  readonly log: readonly string[];
  close(): Promise<void>;
}

export async function startChaosService(options: ChaosServiceOptions): Promise<ChaosService> {
  const port = await freePort();
  const serviceUrl = `http://127.0.0.1:${port}`;
  const list = students(options.people, 'chaos');
  const people = list.map((s) => ({ personId: s.personId, upn: s.upn, password: `pw-${s.personId}` }));
  const emulator = await startTestEmulator({
    extraSeed: (seed) => {
      withStudents(list)(seed);
      const [tenant] = seed.tenants as {
        users: { userPrincipalName: string; password?: string }[];
        applications: { redirectUris: string[] }[];
      }[];
      for (const user of tenant?.users ?? []) {
        const person = people.find((p) => p.upn === user.userPrincipalName);
        if (person) user.password = person.password;
      }
      tenant?.applications[0]?.redirectUris.push(`${serviceUrl}/auth/callback`);
    },
  });
  const postgres = await startPrivatePostgres();
  const folder = writeConfigFolder(
    emulator,
    { timeZone: 'Europe/Amsterdam', people: [] },
    {
      database: { url: postgres.url, schema: 'chaos' },
      microsoft: { auth: 'delegated', redirectUri: `${serviceUrl}/auth/callback` },
      source: { type: 'push' },
      // `restore`: whatever an owner deletes comes back, so the end state is exactly the timetable (the state
      // machine test covers `respect`, which needs the order of events to say what must stay deleted).
      sync: { futureDays: 90, onUserDelete: 'restore' },
      service: { jobHeartbeatSeconds: 10, monitorIntervalSeconds: 2, pollingIntervalSeconds: 0.5 },
      web: {
        port,
        publicUrl: serviceUrl,
        sessionKeyFile: 'session.key',
        tokenKeyFile: 'token.key',
        admins: ['outsider@uni.example'],
        // The test's browsers stand for people at their own addresses behind the university's proxy (here: us).
        trustProxy: ['127.0.0.1'],
      },
    },
  );
  const { dir, configPath } = folder;
  for (const key of ['session.key', 'token.key']) {
    writeFileSync(join(dir, key), `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  const config = folder.load();
  const log: string[] = [];
  const service = await startService({
    config,
    workers: 0,
    scheduler: true,
    webPort: port,
    name: 'chaos-web',
    log: (line) => log.push(line),
  });
  const { key: apiKey } = await createApiKey(service.engine.store.db, 'chaos');
  const workers = new WorkerPool(configPath, options.workers, options.concurrency);
  await workers.fill();
  return {
    emulator,
    postgres,
    config,
    configPath,
    serviceUrl,
    service,
    workers,
    people,
    apiKey,
    log,
    close: async () => {
      await workers.stop();
      await service.stop();
      await postgres.stop();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// The service as an institution runs it, for the security proof: delegated sign-in against the emulator, the app
// credential a PFX file opened with a password file, the embedded database with pg-boss's tables beside the
// store's, and every line anything writes (the app's log, console, stdout, stderr) kept for scanning afterwards.
import { createPrivateKey, randomBytes, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { PgBoss } from 'pg-boss';
import { vi } from 'vitest';
import { writePkcs12 } from '../../src/certificates/pkcs12-write.ts';
import { loadConfig } from '../../src/config/index.ts';
import { enqueuePersonSync } from '../../src/jobs/enqueue-person-sync.ts';
import { bossSchema, openBoss } from '../../src/jobs/open-boss.ts';
import { openDatabase } from '../../src/store/index.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { runPersonJob } from '../../src/sync/person-job.ts';
import { buildWebApp } from '../../src/web/app.ts';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';

export const publicUrl = 'http://localhost:3000';

export interface SecurityService {
  readonly emulator: TestEmulator;
  readonly engine: Engine;
  readonly boss: PgBoss;
  readonly app: FastifyInstance;
  readonly dir: string;
  readonly configPath: string;
  readonly dataDir: string;
  readonly pfxPassword: string;
  /** Every line written so far, by anything in this process. */
  readonly output: string[];
  /** Stops the app, pg-boss and the engine (the emulator stays up), and stops capturing. */
  stopService(): Promise<void>;
  close(): Promise<void>;
}

export async function startSecurityService(): Promise<SecurityService> {
  const output: string[] = [];
  const capture = (...args: unknown[]) => {
    output.push(args.map(String).join(' '));
  };
  const spies = [
    ...(['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(capture),
    ),
    ...([process.stdout, process.stderr] as const).map((stream) => {
      const write = stream.write.bind(stream);
      return vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
        output.push(String(chunk));
        return write(chunk as string, ...rest);
      }) as typeof stream.write);
    }),
  ];

  const emulator = await startTestEmulator({
    extraSeed: (seed) => {
      const [tenant] = seed.tenants as { applications: { redirectUris: string[] }[] }[];
      tenant?.applications[0]?.redirectUris.push(`${publicUrl}/auth/callback`);
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'tts-security-'));
  const pfxPassword = `pfx-${randomBytes(15).toString('base64url')}`;
  writeFileSync(
    join(dir, 'app.pfx'),
    writePkcs12({
      certificateDer: new X509Certificate(emulator.certificate.certPem).raw,
      privateKey: createPrivateKey(emulator.certificate.keyPem),
      password: pfxPassword,
      friendlyName: 'timetable-sync',
    }),
    { mode: 0o600 },
  );
  writeFileSync(join(dir, 'pfx-password.txt'), `${pfxPassword}\n`, { mode: 0o600 });
  writeFileSync(
    join(dir, 'timetable.json'),
    JSON.stringify({
      timeZone: 'Europe/Amsterdam',
      people: [
        { id: 's1', mailbox: people.s1.upn, events: lectures('s1-lec', 3) },
        { id: 's2', mailbox: people.s2.upn, events: lectures('s2-lec', 3) },
      ],
    }),
  );
  const dataDir = join(dir, 'data');
  const configPath = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { dataDir },
      microsoft: {
        tenantId,
        clientId,
        authorityHost: emulator.url,
        graphEndpoint: emulator.url,
        caFile: emulator.caPath,
        auth: 'delegated',
        certificate: { pfx: 'app.pfx', passwordFile: 'pfx-password.txt' },
        redirectUri: `${publicUrl}/auth/callback`,
      },
      source: { type: 'json', path: 'timetable.json' },
      sync: { pastDays: 14, futureDays: 180 },
      web: { port: 3000, publicUrl, admins: [people.outsider.upn] },
    }),
  );
  const engine = await createEngine(loadConfig({ path: configPath, env: {} }));
  const log = (line: string) => output.push(line);
  const boss = await openBoss(engine.store, {
    schedule: false,
    heartbeatSeconds: 30,
    monitorIntervalSeconds: 60,
    instanceName: 'security-test',
    onError: (error) => log(`jobs: ${error.message}`),
  });
  // What `serve` does (a job in pg-boss), and then what a worker does with it, at once.
  const app = await buildWebApp({
    engine,
    log,
    enqueue: async (personId, kind) => {
      await enqueuePersonSync(boss, personId, 'manual', { kind });
      await runPersonJob(engine, personId, kind);
    },
  });
  let running = true;
  const stopService = async () => {
    if (!running) return;
    running = false;
    await app.close();
    await boss.stop({ graceful: false });
    await engine.close();
  };
  return {
    emulator,
    engine,
    boss,
    app,
    dir,
    configPath,
    dataDir,
    pfxPassword,
    output,
    stopService,
    close: async () => {
      await stopService();
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
      for (const spy of spies) spy.mockRestore();
    },
  };
}

/** Every row of every table of the store's schema and pg-boss's, as JSON text (bytea as `\x…` hex). */
export async function dumpDatabase(dataDir: string): Promise<Map<string, string[]>> {
  const store = await openDatabase({ dataDir, migrate: false });
  try {
    const schemas = [store.schema, bossSchema(store.schema)];
    const tables = await sql<{ schema: string; name: string }>`
      select table_schema as schema, table_name as name from information_schema.tables
      where table_type = 'BASE TABLE' and table_schema in (${sql.join(schemas)})
      order by 1, 2`.execute(store.db);
    const dump = new Map<string, string[]>();
    for (const { schema, name } of tables.rows) {
      const rows = await sql<{ row: string }>`select row_to_json(t)::text as row from ${sql.table(
        `${schema}.${name}`,
      )} t`.execute(store.db);
      dump.set(
        `${schema}.${name}`,
        rows.rows.map((r) => r.row),
      );
    }
    return dump;
  } finally {
    await store.close();
  }
}

/** The ways a secret could be written down: as is, hex, base64, and (for long ones) a stretch of its middle. */
export function tracesOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const traces = [secret, bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, '')];
  if (secret.length > 48) traces.push(secret.slice(16, 48));
  return traces;
}

/** Every route the app answers (HEAD left out: fastify adds it to each GET), as `METHOD /path`. */
export function routesOf(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  // printRoutes draws fastify's radix tree: each node a piece of the path ('/', 'me', 'trics' of '/metrics').
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const at = line.indexOf('── ');
    const match = /^(.*?)(?: \(([^)]+)\))?$/.exec(line.slice(at + 3));
    if (at < 0 || !match) continue;
    stack.length = (at - 1) / 4;
    stack.push(match[1] as string);
    for (const method of (match[2] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      routes.push(`${method} ${stack.join('')}`);
    }
  }
  return routes.sort();
}

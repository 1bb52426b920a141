// The API against a test emulator: `source.type: push` (or json), embedded PGlite, the web app from buildWebApp
// with `enqueue` running the person's job at once, and an API key. The engine's source is the push source on the
// engine's own store (what createSource(config.source, { db }) builds).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/index.ts';
import { createSource } from '../../src/source/create-source.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { type PersonJobKind, runPersonJob } from '../../src/sync/person-job.ts';
import { createApiKey } from '../../src/web/api/api-keys.ts';
import { buildWebApp } from '../../src/web/app.ts';
import type { EnqueueReason } from '../../src/web/web-context.ts';
import { clientId, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import type { TimetableJson } from '../support/engine.ts';

export interface ApiHarness {
  readonly emulator: TestEmulator;
  readonly engine: Engine;
  readonly app: FastifyInstance;
  readonly key: string;
  /** What was queued, and why (`push` or `manual`). */
  readonly jobs: { personId: string; kind: PersonJobKind; reason: EnqueueReason }[];
  readonly log: string[];
  readonly dir: string;
  close(): Promise<void>;
}

export async function startApiHarness(
  options: { readonly source?: 'push' | 'json'; readonly timetable?: TimetableJson } = {},
): Promise<ApiHarness> {
  const emulator = await startTestEmulator();
  const dir = mkdtempSync(join(tmpdir(), 'tts-api-'));
  writeFileSync(join(dir, 'cert.pem'), emulator.certificate.certPem);
  writeFileSync(join(dir, 'key.pem'), emulator.certificate.keyPem);
  writeFileSync(join(dir, 'timetable.json'), JSON.stringify(options.timetable ?? { people: [] }));
  const configPath = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { dataDir: join(dir, 'data') },
      microsoft: {
        tenantId,
        clientId,
        authorityHost: emulator.url,
        graphEndpoint: emulator.url,
        caFile: emulator.caPath,
        certificate: { cert: 'cert.pem', key: 'key.pem' },
      },
      source: options.source === 'json' ? { type: 'json', path: 'timetable.json' } : { type: 'push' },
      sync: { pastDays: 14, futureDays: 180 },
      web: { port: 3000, publicUrl: 'http://localhost:3000' },
    }),
  );
  const config = loadConfig({ path: configPath, env: {} });
  // createEngine builds its source without the store; the push source needs it (see the report on engine.ts).
  const base = await createEngine(
    options.source === 'json' ? config : { ...config, source: { type: 'json', path: join(dir, 'timetable.json') } },
  );
  const engine: Engine = { ...base, source: createSource(config.source, { db: base.store.db }) };
  const jobs: { personId: string; kind: PersonJobKind; reason: EnqueueReason }[] = [];
  const log: string[] = [];
  const app = await buildWebApp({
    engine,
    config,
    enqueue: async (personId, kind, reason = 'manual') => {
      jobs.push({ personId, kind, reason });
      await runPersonJob(engine, personId, kind);
    },
    log: (line) => log.push(line),
  });
  const { key } = await createApiKey(engine.store.db, 'test-system');
  return {
    emulator,
    engine,
    app,
    key,
    jobs,
    log,
    dir,
    close: async () => {
      await app.close();
      await engine.close();
      await emulator.close();
    },
  };
}

// The API against a test emulator: `source.type: push` (or json), embedded PGlite, the web app from buildWebApp
// with `enqueue` running the person's job at once, and an API key. The engine's source is the push source on the
// engine's own store (what createSource(config.source, { db }) builds).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createSource } from '../../src/source/create-source.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { type PersonJobKind, runPersonJob } from '../../src/sync/person-job.ts';
import { createApiKey } from '../../src/web/api/api-keys.ts';
import { buildWebApp } from '../../src/web/app.ts';
import type { EnqueueReason } from '../../src/web/web-context.ts';
import { writeConfigFolder } from '../support/config-file.ts';
import { startTestEmulator, type TestEmulator } from '../support/emulator.ts';
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
  const folder = writeConfigFolder(emulator, options.timetable ?? { timeZone: 'Europe/Amsterdam', people: [] }, {
    ...(options.source === 'json' ? {} : { source: { type: 'push' } }),
    web: { port: 3000, publicUrl: 'http://localhost:3000' },
  });
  const { dir } = folder;
  const config = folder.load();
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

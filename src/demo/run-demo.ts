// The zero-config demo's one-shot form (`timetable-sync demo --once`, for tests and CI): the demo folder prepared,
// the emulator as the tenant, one sync of everyone on embedded PGlite, the result returned, everything closed.
// A second run shows an unchanged re-sync: the folder (default `./.demo`) is kept.
import { createEngine } from '../sync/engine.ts';
import type { RunSummary } from '../sync/run-people.ts';
import { syncPeople } from '../sync/sync-people.ts';
import { demoPassword } from './demo-tenant.ts';
import { type PreparedDemo, prepareDemo } from './prepare-demo.ts';

export interface DemoOptions {
  readonly dir?: string;
  readonly students?: number;
  readonly log?: (line: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoResult {
  readonly summary: RunSummary;
  readonly dir: string;
  readonly emulatorUrl: string;
}

export async function runDemo(options: DemoOptions = {}): Promise<DemoResult> {
  const log = options.log ?? console.log;
  const demo = await prepareDemo({ ...options, log });
  try {
    const summary = await syncEveryone(demo, log, options.onProgress);
    return { summary, dir: demo.dir, emulatorUrl: demo.emulator.url };
  } finally {
    await demo.emulator.close();
  }
}

/** One sync of everyone in the timetable, on an engine of its own (closed again: the database is free after). */
export async function syncEveryone(
  demo: PreparedDemo,
  log: (line: string) => void,
  onProgress?: (done: number, total: number) => void,
): Promise<RunSummary> {
  const engine = await createEngine(demo.config);
  try {
    log('syncing everyone (application permissions, certificate sign-in through msal-node)…');
    return await syncPeople(engine, { kind: 'sync', onProgress: (done, total) => onProgress?.(done, total) });
  } finally {
    await engine.close();
  }
}

export { demoPassword };

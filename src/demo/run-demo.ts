// The zero-config demo (`npm start`): a generated certificate, the emulator started in-process as the university's
// Microsoft 365 tenant, embedded PGlite, a sample faculty timetable, one sync of everyone, and the result shown.
// Everything lives in one folder (default `./.demo`), kept between runs so a second run shows an unchanged re-sync.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmulator } from '../../emulator/index.ts';
import { parseSeed } from '../../emulator/seed.ts';
import { createSelfSignedCertificate } from '../certificates/create-certificate.ts';
import { demoConfig } from '../config/index.ts';
import { createEngine } from '../sync/engine.ts';
import type { RunSummary } from '../sync/run-people.ts';
import { syncPeople } from '../sync/sync-people.ts';
import { demoClientId, demoPassword, demoSeed, demoTenantId } from './demo-tenant.ts';
import { type SampleTimetable, sampleTimetable } from './sample-timetable.ts';

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
  const dir = resolve(options.dir ?? '.demo');
  mkdirSync(dir, { recursive: true });
  const certPath = join(dir, 'demo-app.pem');
  const keyPath = join(dir, 'demo-app.key');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    const created = await createSelfSignedCertificate({ subject: 'CN=timetable-sync demo', keyBits: 2048 });
    writeFileSync(certPath, created.facts.pem);
    writeFileSync(keyPath, created.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  }
  // Written once: a second run syncs the same (possibly hand-edited) timetable.
  const timetablePath = join(dir, 'timetable.json');
  if (!existsSync(timetablePath)) {
    const sample = sampleTimetable(options.students === undefined ? {} : { students: options.students });
    writeFileSync(timetablePath, JSON.stringify(sample, null, 1));
  }
  const timetable = JSON.parse(readFileSync(timetablePath, 'utf8')) as SampleTimetable;
  const events = timetable.people.reduce((n, p) => n + p.events.length, 0);
  log(`sample timetable: ${timetable.people.length} people, ${events} events (${timetablePath})`);

  const seed = parseSeed(demoSeed(timetable, readFileSync(certPath, 'utf8')), 'demo seed');
  const caPath = join(dir, 'emulator-ca.pem');
  const emulator = await startEmulator({ seed, port: 0, caPath, statePath: join(dir, 'emulator-state.json') });
  log(`emulated Microsoft 365 tenant ${demoTenantId} at ${emulator.url} (CA: ${caPath})`);
  try {
    const config = demoConfig({
      emulatorUrl: emulator.url,
      caFile: caPath,
      tenantId: demoTenantId,
      clientId: demoClientId,
      certificate: { cert: certPath, key: keyPath },
      timetablePath,
      dataDir: join(dir, 'data'),
    });
    const engine = await createEngine(config);
    try {
      log('syncing everyone (application permissions, certificate sign-in through msal-node)…');
      const summary = await syncPeople(engine, {
        kind: 'sync',
        onProgress: (done, total) => options.onProgress?.(done, total),
      });
      return { summary, dir, emulatorUrl: emulator.url };
    } finally {
      await engine.close();
    }
  } finally {
    await emulator.close();
  }
}

export { demoPassword };

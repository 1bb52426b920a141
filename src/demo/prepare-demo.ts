// The demo's folder (default `./.demo`), made ready: the app's certificate and the sample timetable (each written
// once, kept between runs), the emulator started in-process as the tenant, and the configuration pointing at it.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type RunningEmulator, startEmulator } from '../../emulator/index.ts';
import { parseSeed } from '../../emulator/seed.ts';
import { createSelfSignedCertificate } from '../certificates/create-certificate.ts';
import { type Config, demoConfig } from '../config/index.ts';
import { demoAdmin, demoClientId, demoSeed, demoTenantId, demoWebPort } from './demo-tenant.ts';
import { type SampleTimetable, sampleTimetable } from './sample-timetable.ts';

export interface PrepareDemoOptions {
  readonly dir?: string;
  readonly students?: number;
  /** The dashboard's port (default 3000): its sign-in redirect URI is registered with the emulated app. */
  readonly webPort?: number;
  readonly log: (line: string) => void;
}

export interface PreparedDemo {
  readonly dir: string;
  readonly timetable: SampleTimetable;
  readonly emulator: RunningEmulator;
  readonly caPath: string;
  readonly config: Config;
}

export async function prepareDemo(options: PrepareDemoOptions): Promise<PreparedDemo> {
  const { log } = options;
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

  const webPort = options.webPort ?? demoWebPort;
  const seedJson = demoSeed(timetable, readFileSync(certPath, 'utf8'), { webPort });
  const seed = parseSeed(seedJson, 'demo seed');
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
      web: { port: webPort, admins: [demoAdmin] },
    });
    return { dir, timetable, emulator, caPath, config };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

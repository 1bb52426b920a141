// A real configuration folder for the product against a test emulator, without starting anything: the certificate
// as PEM files, the emulator's CA, a JSON timetable the test rewrites, and `timetable-sync.yaml`. For tests that run
// the CLI as a process or wire their own engine.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Config, loadConfig } from '../../src/config/index.ts';
import { clientId, type TestEmulator, tenantId } from './emulator.ts';
import type { TimetableJson } from './engine.ts';

export interface ConfigFolder {
  readonly dir: string;
  readonly configPath: string;
  writeTimetable(timetable: TimetableJson): void;
  load(): Config;
}

export function writeConfigFolder(
  emulator: TestEmulator,
  timetable: TimetableJson,
  sync: Record<string, unknown> = {},
  /** PostgreSQL (and a schema); the embedded database in the folder's `data` when absent. */
  postgres?: { readonly url: string; readonly schema: string },
): ConfigFolder {
  const dir = mkdtempSync(join(tmpdir(), 'tts-config-'));
  const dataDir = join(dir, 'data');
  writeFileSync(join(dir, 'cert.pem'), emulator.certificate.certPem);
  writeFileSync(join(dir, 'key.pem'), emulator.certificate.keyPem);
  const timetablePath = join(dir, 'timetable.json');
  const writeTimetable = (t: TimetableJson) => writeFileSync(timetablePath, JSON.stringify(t));
  writeTimetable(timetable);
  const configPath = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    configPath,
    JSON.stringify({
      database: postgres ? { url: postgres.url, schema: postgres.schema } : { dataDir },
      microsoft: {
        tenantId,
        clientId,
        authorityHost: emulator.url,
        graphEndpoint: emulator.url,
        caFile: emulator.caPath,
        auth: 'application',
        certificate: { cert: 'cert.pem', key: 'key.pem' },
      },
      source: { type: 'json', path: 'timetable.json' },
      sync: { pastDays: 14, futureDays: 180, ...sync },
    }),
  );
  return { dir, configPath, writeTimetable, load: () => loadConfig({ path: configPath, env: {} }) };
}

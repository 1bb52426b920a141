// A real configuration folder for the product against a test emulator, without starting anything: the certificate
// as PEM files, the emulator's CA, a JSON timetable the test rewrites, and `timetable-sync.yaml`. Every test that
// needs a configuration file writes it here; options add or replace sections (a database, the source, web, service).
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
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

/** The embedded database (in the folder's `data` when no folder is given), or PostgreSQL with a schema. */
export type DatabaseSection = { readonly dataDir: string } | { readonly url: string; readonly schema: string };

export interface ConfigFolderOptions {
  /** Merged over `{ pastDays: 14, futureDays: 180 }`. */
  readonly sync?: Record<string, unknown>;
  readonly database?: DatabaseSection;
  /** Default the folder's `timetable.json`. */
  readonly source?: Record<string, unknown>;
  /** Who is synced, for sources that do not list people (files it names go in the folder's `dir`). */
  readonly people?: Record<string, unknown>;
  /** Merged over the emulator's tenant, application permissions and the certificate as PEM. */
  readonly microsoft?: Record<string, unknown>;
  readonly web?: Record<string, unknown>;
  readonly service?: Record<string, unknown>;
}

export function writeConfigFolder(
  emulator: TestEmulator,
  timetable: TimetableJson,
  options: ConfigFolderOptions = {},
): ConfigFolder {
  const dir = mkdtempSync(join(tmpdir(), 'tts-config-'));
  writeFileSync(join(dir, 'cert.pem'), emulator.certificate.certPem);
  writeFileSync(join(dir, 'key.pem'), emulator.certificate.keyPem);
  const timetablePath = join(dir, 'timetable.json');
  const writeTimetable = (t: TimetableJson) => {
    // Written beside and renamed into place, as the JSON source asks: a running worker never reads half a file.
    writeFileSync(`${timetablePath}.tmp`, JSON.stringify(t));
    renameSync(`${timetablePath}.tmp`, timetablePath);
  };
  writeTimetable(timetable);
  const configPath = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    configPath,
    JSON.stringify({
      database: options.database ?? { dataDir: join(dir, 'data') },
      microsoft: {
        tenantId,
        clientId,
        authorityHost: emulator.url,
        graphEndpoint: emulator.url,
        caFile: emulator.caPath,
        auth: 'application',
        certificate: { cert: 'cert.pem', key: 'key.pem' },
        ...options.microsoft,
      },
      ...(options.people ? { people: options.people } : {}),
      source: options.source ?? { type: 'json', path: 'timetable.json' },
      sync: { pastDays: 14, futureDays: 180, ...options.sync },
      ...(options.web ? { web: options.web } : {}),
      ...(options.service ? { service: options.service } : {}),
    }),
  );
  return { dir, configPath, writeTimetable, load: () => loadConfig({ path: configPath, env: {} }) };
}

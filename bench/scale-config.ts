// The scale benchmark's configuration folder: the bench tenant's configuration file (bench-tenant.ts) with a
// `service` section for worker processes and the push or the JSON file source; the JSON timetable, written person
// by person and renamed into place.
import { closeSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import type { BenchDatabase } from './bench-database.ts';
import { type BenchCertificate, writeEngineConfig } from './bench-tenant.ts';
import type { BenchTimetable } from './bench-timetable.ts';
import type { EmulatorProcess } from './emulator-process.ts';

/** Workers pick up work at once (NOTIFY, else polling every half second); heartbeat and monitor as in production. */
export const scaleServiceSection = {
  jobHeartbeatSeconds: 30,
  monitorIntervalSeconds: 10,
  pollingIntervalSeconds: 0.5,
} as const;

export interface ScaleConfigOptions {
  readonly directory: string;
  readonly emulator: EmulatorProcess;
  readonly certificate: BenchCertificate;
  readonly database: BenchDatabase;
  readonly timetablePath: string;
  /** `push`: timetables in the database, loaded as the push API stores them; `json`: the file at timetablePath. */
  readonly source: ScaleSource;
}

export type ScaleSource = 'push' | 'json';

/**
 * `timetable-sync.yaml` (JSON is YAML) as the sync benchmark writes it, plus the `service` section and, for push,
 * `source: { type: push }`; returns its path.
 */
export function writeScaleConfig(options: ScaleConfigOptions): string {
  const path = writeEngineConfig({
    directory: options.directory,
    emulatorUrl: options.emulator.url,
    caPath: options.emulator.caPath,
    certificate: options.certificate,
    database: options.database.config,
    timetablePath: options.timetablePath,
    sync: {},
  });
  const written = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  const source = options.source === 'push' ? { source: { type: 'push' } } : {};
  writeFileSync(path, JSON.stringify({ ...written, ...source, service: scaleServiceSection }));
  return path;
}

/**
 * Writes the timetable one person at a time: 10,000 people × 150 events is about 430 MB of JSON, close to V8's
 * longest string (about 512 MB), so it is never built as one string here. Renamed into place, so a running worker
 * never reads half a file.
 */
export function writeTimetableFile(path: string, timetable: BenchTimetable): void {
  const partial = `${path}.partial`;
  const file = openSync(partial, 'w');
  try {
    writeSync(file, `{"timeZone":${JSON.stringify(timetable.timeZone)},"people":[`);
    timetable.people.forEach((person, n) => {
      writeSync(file, `${n > 0 ? ',' : ''}${JSON.stringify(person)}`);
    });
    writeSync(file, ']}');
  } finally {
    closeSync(file);
  }
  renameSync(partial, path);
}

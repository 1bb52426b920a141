// An engine wired to a test emulator through a real configuration file: certificate PEM files, the emulator's CA,
// a JSON timetable the test rewrites, embedded PGlite (or PostgreSQL with a schema of its own).
import { loadConfig } from '../../src/config/index.ts';
import { createEngine, type Engine } from '../../src/sync/engine.ts';
import { writeConfigFolder } from './config-file.ts';
import type { TestEmulator } from './emulator.ts';

export interface TimetableJson {
  readonly timeZone: string;
  readonly people: readonly { id: string; mailbox: string; events: readonly Record<string, unknown>[] }[];
}

export interface TestEngine {
  readonly engine: Engine;
  readonly dir: string;
  readonly configPath: string;
  writeTimetable(timetable: TimetableJson): void;
  close(): Promise<void>;
}

export interface TestConfig {
  readonly dir: string;
  readonly configPath: string;
  writeTimetable(timetable: TimetableJson): void;
}

export async function startTestEngine(
  emulator: TestEmulator,
  timetable: TimetableJson,
  sync: Record<string, unknown> = {},
): Promise<TestEngine> {
  const { dir, configPath, writeTimetable } = writeTestConfig(emulator, timetable, sync);
  const engine = await createEngine(loadConfig({ path: configPath, env: {} }));
  return { engine, dir, configPath, writeTimetable, close: () => engine.close() };
}

/** A config file (and certificate, timetable) in a new folder, for the CLI or an engine. */
export function writeTestConfig(
  emulator: TestEmulator,
  timetable: TimetableJson,
  sync: Record<string, unknown> = {},
): TestConfig {
  return writeConfigFolder(emulator, timetable, { sync });
}

/** A weekly lecture series for one person, starting tomorrow, as the JSON source takes it. */
export function lectures(prefix: string, count: number, from = new Date()): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(from.getTime() + (i + 1) * 86_400_000);
    const date = day.toISOString().slice(0, 10);
    return {
      id: `${prefix}-${i}`,
      start: `${date}T09:00`,
      end: `${date}T10:45`,
      title: `Lecture ${i}`,
      courseCode: 'INFO101',
      activityType: 'Lecture',
      locations: ['Lecture Hall A'],
      staff: ['Dr. A. Turing'],
      groups: ['INFO-1A'],
      status: 'confirmed',
    };
  });
}

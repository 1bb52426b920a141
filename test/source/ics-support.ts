// Shared by the iCalendar source tests: a source over a temporary folder of fixture feeds, the sync window the
// fixtures are written for, and events reduced to what an admin would check (key, UTC instants, status).
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventInstants } from '../../src/model/event-instants.ts';
import { syncWindow } from '../../src/model/sync-window.ts';
import type { TimetableEvent } from '../../src/model/timetable-event.ts';
import { createIcsSource, type IcsSourceOptions, type IcsWarning } from '../../src/source/ics/ics-source.ts';
import type { IcsSourceConfig } from '../../src/source/ics/ics-source-config.ts';
import { SourceError } from '../../src/source/source-error.ts';
import type { SourceResult, TimetableSource } from '../../src/source/timetable-source.ts';

export const fixtures = join(import.meta.dirname, '..', 'fixtures', 'ics');

/** 2026-09-17T12:00Z to 2027-03-30T12:00Z: both European DST changes are inside. */
export const window = syncWindow(new Date('2026-10-01T12:00:00Z'), 14, 180);

export const person = (id: string) => ({ id, mailbox: `${id}@uni.example` });

export function icsConfig(feeds: IcsSourceConfig['feeds'], extra: Partial<IcsSourceConfig> = {}): IcsSourceConfig {
  return {
    type: 'ics',
    feeds,
    timeZone: 'Europe/Amsterdam',
    requestTimeoutMs: 5_000,
    maxFeedBytes: 10 * 1024 * 1024,
    maxConcurrentRequests: 4,
    maxRequestsPerSecond: 1000,
    ...extra,
  };
}

export interface FolderSource {
  readonly folder: string;
  readonly source: TimetableSource;
  readonly warnings: IcsWarning[];
  /** Puts a fixture (by name) or literal text in place as `<id>.ics`. */
  feed(id: string, fixture: string): void;
  write(id: string, text: string): void;
}

export function folderSource(options: IcsSourceOptions = {}): FolderSource {
  const folder = mkdtempSync(join(tmpdir(), 'tts-ics-'));
  const warnings: IcsWarning[] = [];
  const source = createIcsSource(icsConfig({ kind: 'folder', folder }), {
    onWarning: (warning) => warnings.push(warning),
    ...options,
  });
  return {
    folder,
    source,
    warnings,
    feed: (id, fixture) => copyFileSync(join(fixtures, `${fixture}.ics`), join(folder, `${id}.ics`)),
    write: (id, text) => writeFileSync(join(folder, `${id}.ics`), text),
  };
}

export async function timetable(source: TimetableSource, id: string): Promise<readonly TimetableEvent[]> {
  const result = await source.read(person(id), window);
  if (result.kind !== 'timetable') throw new Error(`expected a timetable, got ${result.kind}`);
  return result.events;
}

/** [key, start UTC, end UTC, status] per event, in order. */
export function instants(events: readonly TimetableEvent[]): [string, string, string, string][] {
  return events.map((event) => {
    const { startUtc, endUtc } = eventInstants(event.when);
    return [event.id, startUtc.replace('.000', ''), endUtc.replace('.000', ''), event.status];
  });
}

export async function sourceError(promise: Promise<SourceResult>): Promise<SourceError> {
  const outcome = await promise.then(
    (value) => value,
    (error: unknown) => error,
  );
  if (!(outcome instanceof SourceError)) throw new Error(`expected a SourceError, got ${JSON.stringify(outcome)}`);
  return outcome;
}

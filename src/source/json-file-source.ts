// The `source.type: json` adapter: a JSON timetable document on disk (see model/timetable-document.ts). The file is
// re-read whenever it changed (checked per read, so every run sees the current file and a run of 500 people
// parses it once); one person's invalid events fail only that person.
import { readFile } from 'node:fs/promises';
import type { Person } from '../model/person.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import type { PersonEntry, TimetableOutline } from '../model/timetable-document.ts';
import { parsePersonEvents, parseTimetableOutline } from '../model/timetable-document.ts';
import type { EventsResult } from '../model/timetable-event-json.ts';
import { changedFileCache } from './changed-file-cache.ts';
import { filterToWindow } from './filter-to-window.ts';
import { SourceError } from './source-error.ts';
import type { ListsPeople, SourceResult, TimetableSource } from './timetable-source.ts';
import { decodeUtf8Text } from './utf8-text.ts';

interface Snapshot {
  readonly outline: TimetableOutline;
  readonly byId: ReadonlyMap<string, PersonEntry>;
  /** Each person's events, checked on first use. */
  readonly events: Map<string, EventsResult>;
}

export interface JsonFileSource extends TimetableSource, ListsPeople {
  readonly path: string;
}

/** `path` must be absolute (the config resolves it against the config file's folder). */
export function createJsonFileSource(path: string): JsonFileSource {
  const description = `JSON file ${path}`;
  const snapshot = changedFileCache(
    path,
    (file) => load(file, description),
    (error) =>
      new SourceError(
        'SOURCE_UNREADABLE',
        { source: description, summary: `cannot read the file (${(error as Error).message})` },
        { cause: error },
      ),
  );

  return {
    path,
    description,
    async listPeople() {
      return (await snapshot()).outline.people.map((entry) => entry.person);
    },
    async read(person: Person, window: SyncWindow): Promise<SourceResult> {
      const loaded = await snapshot();
      const entry = loaded.byId.get(person.id);
      if (entry === undefined) return { kind: 'unknown-person', personId: person.id };
      let events = loaded.events.get(person.id);
      if (events === undefined) {
        events = parsePersonEvents(entry, loaded.outline);
        loaded.events.set(person.id, events);
      }
      if (!events.ok) {
        const summary = `person ${person.id} has invalid events; their calendar is left as it is`;
        throw new SourceError('SOURCE_INVALID_EVENTS', {
          source: description,
          personId: person.id,
          problems: events.problems,
          summary,
        });
      }
      return { kind: 'timetable', person: entry.person, events: filterToWindow(events.events, window) };
    },
  };
}

async function load(path: string, description: string): Promise<Snapshot> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new SourceError(
      'SOURCE_UNREADABLE',
      { source: description, summary: `cannot read the file (${(error as Error).message})` },
      { cause: error },
    );
  }
  let text: string;
  try {
    // JSON is UTF-8 (RFC 8259); a Latin-1 export read anyway would put mangled titles in every calendar.
    text = decodeUtf8Text(bytes, 'the file');
  } catch (error) {
    const summary = (error as Error).message;
    throw new SourceError('SOURCE_MALFORMED', { source: description, summary }, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // Half-written files land here too: write the file elsewhere and rename it into place.
    throw new SourceError(
      'SOURCE_MALFORMED',
      { source: description, summary: `not valid JSON: ${(error as Error).message}` },
      { cause: error },
    );
  }
  const outline = parseTimetableOutline(json);
  if (!outline.ok) {
    throw new SourceError('SOURCE_MALFORMED', {
      source: description,
      problems: outline.problems,
      summary: 'not a timetable document',
    });
  }
  const byId = new Map(outline.outline.people.map((entry) => [entry.person.id, entry]));
  return { outline: outline.outline, byId, events: new Map() };
}

import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { syncWindow } from '../model/sync-window.ts';
import { createSource } from './create-source.ts';
import { createJsonFileSource } from './json-file-source.ts';
import { SourceError } from './source-error.ts';
import { canListPeople } from './timetable-source.ts';

const window = syncWindow(new Date('2026-12-01T12:00:00Z'), 14, 180);
const s1 = { id: 's1', mailbox: 's1@uni.example' };

const event = (id: string, start: string, end: string, extra: Record<string, unknown> = {}) => ({
  id,
  start,
  end,
  title: id,
  ...extra,
});

let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tts-source-'));
  path = join(dir, 'timetable.json');
});

/** Writes the file the way a feed should: elsewhere first, then renamed into place. */
function writeTimetable(document: unknown): void {
  const content = typeof document === 'string' || Buffer.isBuffer(document) ? document : JSON.stringify(document);
  writeFileSync(`${path}.tmp`, content);
  renameSync(`${path}.tmp`, path);
}

async function failure(promise: Promise<unknown>): Promise<SourceError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof SourceError)) throw new Error(`expected a SourceError, got ${String(error)}`);
  return error;
}

describe('JSON file source', () => {
  it("returns the person's events that overlap the window, cancelled ones included", async () => {
    writeTimetable({
      timeZone: 'Europe/Amsterdam',
      people: [
        {
          ...s1,
          events: [
            event('history', '2026-10-01T09:00', '2026-10-01T10:00'),
            event('edge', '2026-11-17T12:30', '2026-11-17T14:00'),
            event('next-week', '2026-12-08T09:00', '2026-12-08T10:00'),
            event('cancelled', '2026-12-09T09:00', '2026-12-09T10:00', { status: 'cancelled' }),
            event('next-year', '2027-09-01T09:00', '2027-09-01T10:00'),
          ],
        },
      ],
    });
    const result = await createJsonFileSource(path).read(s1, window);
    expect(result.kind).toBe('timetable');
    if (result.kind !== 'timetable') return;
    expect(result.person).toEqual(s1);
    expect(result.events.map((e) => [e.id, e.status])).toEqual([
      ['edge', 'confirmed'],
      ['next-week', 'confirmed'],
      ['cancelled', 'cancelled'],
    ]);
  });

  it('tells a person missing from the file apart from a person with no events', async () => {
    writeTimetable({ timeZone: 'UTC', people: [{ ...s1, events: [] }] });
    const source = createJsonFileSource(path);
    expect(await source.read(s1, window)).toEqual({ kind: 'timetable', person: s1, events: [] });
    expect(await source.read({ id: 'gone', mailbox: 'gone@uni.example' }, window)).toEqual({
      kind: 'unknown-person',
      personId: 'gone',
    });
  });

  it('lists its people', async () => {
    writeTimetable({
      people: [
        { ...s1, events: [] },
        { id: 's2', mailbox: 's2@uni.example', events: [] },
      ],
    });
    const source = createSource({ type: 'json', path });
    expect(canListPeople(source)).toBe(true);
    if (canListPeople(source)) expect(await source.listPeople()).toEqual([s1, { id: 's2', mailbox: 's2@uni.example' }]);
  });

  it('sees a changed file on the next read', async () => {
    const source = createJsonFileSource(path);
    writeTimetable({
      timeZone: 'UTC',
      people: [{ ...s1, events: [event('a', '2026-12-02T09:00', '2026-12-02T10:00')] }],
    });
    const first = await source.read(s1, window);
    writeTimetable({
      timeZone: 'UTC',
      people: [{ ...s1, events: [event('b', '2026-12-03T09:00', '2026-12-03T10:00')] }],
    });
    const second = await source.read(s1, window);
    expect(first.kind === 'timetable' && first.events.map((e) => e.id)).toEqual(['a']);
    expect(second.kind === 'timetable' && second.events.map((e) => e.id)).toEqual(['b']);
  });

  it('fails, never returns an empty timetable, when the file is missing, is not JSON, or is not a timetable', async () => {
    const source = createJsonFileSource(path);
    const missing = await failure(source.read(s1, window));
    expect(missing.code).toBe('SOURCE_UNREADABLE');
    expect(missing.message).toContain(path);

    writeTimetable('{"people": [');
    const broken = await failure(source.read(s1, window));
    expect(broken.code).toBe('SOURCE_MALFORMED');
    expect(broken.message).toMatch(/timetable\.json: not valid JSON/);

    writeTimetable({ people: [{ ...s1, event: [] }] });
    const wrongShape = await failure(source.listPeople());
    expect(wrongShape.code).toBe('SOURCE_MALFORMED');
    expect(wrongShape.message).toContain('people[0].event (person s1): unknown key');
  });

  it('fails, naming the file, when it is not UTF-8 (a Latin-1 export), and reads UTF-8 with a byte order mark', async () => {
    const source = createJsonFileSource(path);
    const document = `{"timeZone":"UTC","people":[{"id":"s1","mailbox":"s1@uni.example","events":[
      {"id":"e1","start":"2026-12-02T09:00","end":"2026-12-02T10:00","title":"Café"}]}]}`;
    writeTimetable(Buffer.from(document, 'latin1'));
    const latin1 = await failure(source.read(s1, window));
    expect(latin1.code).toBe('SOURCE_MALFORMED');
    expect(latin1.message).toBe(`JSON file ${path}: the file is not UTF-8 text (save it as UTF-8)`);

    writeTimetable(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(document, 'utf8')]));
    const fixed = await source.read(s1, window);
    expect(fixed.kind === 'timetable' && fixed.events.map((e) => e.title)).toEqual(['Café']);
  });

  it('fails only the person whose events are invalid, naming the event and the field', async () => {
    writeTimetable({
      timeZone: 'UTC',
      people: [
        { ...s1, events: [event('backwards', '2026-12-02T10:00', '2026-12-02T09:00')] },
        { id: 's2', mailbox: 's2@uni.example', events: [event('fine', '2026-12-02T09:00', '2026-12-02T10:00')] },
      ],
    });
    const source = createJsonFileSource(path);
    const error = await failure(source.read(s1, window));
    expect(error.code).toBe('SOURCE_INVALID_EVENTS');
    expect(error.personId).toBe('s1');
    expect(error.message).toContain('people[0].events[0].end (person s1, event backwards): is before start');
    expect((await source.read({ id: 's2', mailbox: 's2@uni.example' }, window)).kind).toBe('timetable');
  });
});

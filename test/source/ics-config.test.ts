// The `people` and `source.type: ics` sections of the configuration: what a valid one resolves to, and the
// problems an admin is told about before anything is synced.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/config-error.ts';
import { resolveConfig } from '../../src/config/resolve-config.ts';

const groupId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

function resolve(sections: Record<string, unknown>) {
  const baseDir = mkdtempSync(join(tmpdir(), 'tts-ics-config-'));
  mkdirSync(join(baseDir, 'feeds'));
  writeFileSync(join(baseDir, 'people.csv'), 'id,mailbox\n');
  const raw = {
    microsoft: {
      tenantId: '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10',
      clientId: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
      clientSecretEnv: 'TTS_SECRET',
    },
    ...sections,
  };
  return { baseDir, config: () => resolveConfig(raw, { file: null, baseDir, env: { TTS_SECRET: 'x' } }) };
}

function problems(sections: Record<string, unknown>): string[] {
  try {
    resolve(sections).config();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('ics source and people configuration', () => {
  it('resolves a folder of feeds and a people file, with the defaults', () => {
    const { baseDir, config } = resolve({
      people: { file: './people.csv' },
      source: { type: 'ics', folder: './feeds', timeZone: 'Europe/Amsterdam' },
    });
    const resolved = config();
    expect(resolved.people).toEqual({ kind: 'file', path: join(baseDir, 'people.csv') });
    expect(resolved.source).toEqual({
      type: 'ics',
      feeds: { kind: 'folder', folder: join(baseDir, 'feeds') },
      timeZone: 'Europe/Amsterdam',
      requestTimeoutMs: 30_000,
      maxFeedBytes: 10 * 1024 * 1024,
      maxConcurrentRequests: 4,
      maxRequestsPerSecond: 10,
    });
  });

  it('resolves a URL template whose keys come from the people file, and a group roster', () => {
    const template = 'https://timetable.uni.example/ical?user={username}&key={feedKey}';
    const { baseDir, config } = resolve({
      people: { file: 'people.csv' },
      source: { type: 'ics', url: template, timeZone: 'Europe/London', requestTimeoutSeconds: 5, maxFeedMegabytes: 2 },
    });
    expect(config().source).toMatchObject({
      feeds: { kind: 'url', template, peopleFile: join(baseDir, 'people.csv') },
      requestTimeoutMs: 5000,
      maxFeedBytes: 2 * 1024 * 1024,
    });
    const group = resolve({
      people: { group: groupId.toUpperCase() },
      source: { type: 'ics', url: 'https://timetable.uni.example/ical/{username}.ics', timeZone: 'Europe/London' },
    }).config();
    expect(group.people).toEqual({ kind: 'group', groupId });
    expect(group.source).toMatchObject({ feeds: { kind: 'url', peopleFile: null } });
  });

  it('reports template mistakes, and a feed key without a people file', () => {
    expect(
      problems({
        people: { file: 'people.csv' },
        source: { type: 'ics', url: 'https://tt.uni.example/ical?user={user}', timeZone: 'Europe/Amsterdam' },
      }),
    ).toEqual([
      'source.url: unknown placeholder {user} (known: {id}, {mailbox}, {username}, {feedKey}) (got "https://tt.uni.example/ical?user={user}")',
    ]);
    expect(
      problems({
        people: { group: groupId },
        source: {
          type: 'ics',
          url: 'https://tt.uni.example/ical?user={username}&key={feedKey}',
          timeZone: 'Europe/Amsterdam',
        },
      }),
    ).toEqual(["source.url: uses {feedKey}, which comes from the people file's feedKey column: set people.file"]);
  });

  it('needs a roster, a real zone, one of folder and url, and files that exist', () => {
    expect(problems({ source: { type: 'ics', folder: './feeds', timeZone: 'Europe/Amsterdam' } })).toEqual([
      'people: is required with source.type ics: feeds do not say whose they are (people.file: ./people.csv, or people.group: <Entra group id>)',
    ]);
    expect(problems({ people: { file: 'people.csv' }, source: { type: 'ics', folder: './feeds' } })).toEqual([
      'source.timeZone: is required',
    ]);
    expect(
      problems({
        people: { file: 'people.csv' },
        source: { type: 'ics', folder: './feeds', timeZone: 'W. Europe Standard Time' },
      }),
    ).toEqual([
      'source.timeZone: must be an IANA time zone like Europe/Amsterdam (floating times and all-day events are read in it) (got "W. Europe Standard Time")',
    ]);
    expect(
      problems({
        people: { file: 'people.csv' },
        source: { type: 'ics', folder: './feeds', url: 'https://x.example/{id}', timeZone: 'UTC' },
      }),
    ).toEqual(['source.url: use either folder or url, not both']);
    expect(
      problems({
        people: { file: 'missing.csv', group: groupId },
        source: { type: 'ics', folder: './nope', timeZone: 'UTC' },
      }),
    ).toEqual(['people.group: use either file or group, not both']);
    const missing = problems({
      people: { file: 'missing.csv' },
      source: { type: 'ics', folder: './nope', timeZone: 'UTC' },
    });
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^people\.file: file not found/);
    expect(missing[1]).toMatch(/^source\.folder: folder not found/);
  });
});

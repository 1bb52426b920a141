import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../config/config-error.ts';
import { loadConfig } from '../../config/load-config.ts';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tts-mytimetable-config-'));
  for (const file of ['c.pem', 'k.pem', 'people.csv', 'mytimetable.token']) writeFileSync(join(dir, file), 'x');
});

function load(source: string, extra = '', env: Record<string, string> = {}) {
  const path = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    path,
    `microsoft:
  tenantId: 6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10
  clientId: 0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c
  certificate: {cert: ./c.pem, key: ./k.pem}
people:
  file: ./people.csv
source:
${source}
${extra}`,
  );
  return loadConfig({ path, env });
}

function problems(source: string, extra = ''): string[] {
  try {
    load(source, extra);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

const minimal = `  type: mytimetable
  baseUrl: https://mytimetable.uni.example/
  apiTokenFile: ./mytimetable.token
  timeZone: Europe/Amsterdam`;

describe('source.type: mytimetable', () => {
  it('resolves the section with its defaults, the token as a reference, and a category per activity type', () => {
    const config = load(minimal);
    expect(config.source).toEqual({
      type: 'mytimetable',
      baseUrl: 'https://mytimetable.uni.example',
      apiToken: { kind: 'file', path: join(dir, 'mytimetable.token') },
      username: 'upn-local-part',
      usernamePrefix: '',
      usernameSuffix: '',
      peopleFile: null,
      types: [],
      pageSize: 500,
      requestsPerSecond: 10,
      timeoutMs: 30_000,
      language: null,
      timeZone: 'Europe/Amsterdam',
    });
    expect(config.mapping).toEqual({ reminderMinutes: 15, category: '{activityType}' });
  });

  it('takes every option, and the people file for usernames from a column', () => {
    const config = load(
      `  type: mytimetable
  baseUrl: https://mytimetable.uni.example
  apiTokenEnv: MT_TOKEN
  timeZone: Europe/Amsterdam
  username: column
  usernamePrefix: 'UNI\\'
  types: [student, module]
  pageSize: 200
  requestsPerSecond: 2.5
  timeoutSeconds: 10
  language: nl-NL`,
      '',
      { MT_TOKEN: 't' },
    );
    expect(config.source).toMatchObject({
      apiToken: { kind: 'env', name: 'MT_TOKEN' },
      username: 'column',
      usernamePrefix: 'UNI\\',
      peopleFile: join(dir, 'people.csv'),
      types: ['student', 'module'],
      pageSize: 200,
      requestsPerSecond: 2.5,
      timeoutMs: 10_000,
      language: 'nl-NL',
    });
  });

  it('says what is wrong with the section, every problem at once', () => {
    expect(
      problems(`  type: mytimetable
  baseUrl: http://mytimetable.uni.example
  timeZone: Amsterdam
  username: email
  pageSize: 0`),
    ).toEqual([
      'source.baseUrl: must be an https:// URL without query or fragment (http:// only for localhost) (got "http://mytimetable.uni.example")',
      'source.username: must be one of upn-local-part, upn, column (got "email")',
      'source.pageSize: must be at least 1 (got 0)',
      'source.timeZone: must be an IANA time zone like Europe/Amsterdam (events are written in it) (got "Amsterdam")',
    ]);
    expect(problems(minimal.replace('  apiTokenFile: ./mytimetable.token\n', ''))).toEqual([
      'source: needs the elevated API token: apiTokenFile (a file holding it) or apiTokenEnv (a variable name)',
    ]);
    expect(problems(minimal.replace('./mytimetable.token', './missing.token'))).toEqual([
      `source.apiTokenFile: file not found (got "./missing.token" → ${join(dir, 'missing.token')})`,
    ]);
  });

  it('needs a people list, and a people file for usernames from a column', () => {
    const path = join(dir, 'timetable-sync.yaml');
    writeFileSync(
      path,
      `microsoft:
  tenantId: 6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10
  clientId: 0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c
  certificate: {cert: ./c.pem, key: ./k.pem}
source:
${minimal}
  username: column
`,
    );
    let messages: string[] = [];
    try {
      loadConfig({ path, env: {} });
    } catch (error) {
      messages = (error as ConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(messages).toEqual([
      'people: is required with source.type mytimetable: MyTimetable does not list whom to sync (people.file: ./people.csv, or people.group: <Entra group id>)',
      "source.username: column takes each person's username from the people file's username column: set people.file",
    ]);
  });
});

describe('mapping section', () => {
  it('keeps what is set, and leaves the rest to the built-in defaults', () => {
    const config = load(
      minimal,
      `mapping:
  subject: "[{courseCode} ]{title}"
  category: ""
  reminderMinutes: null
  activityTypes:
    Exam: {category: Exams, color: DarkRed, showAs: oof, sensitivity: private, reminderMinutes: 1440}
    Excursion: {sync: false}
  otherActivityTypes: skip`,
    );
    expect(config.mapping).toEqual({
      reminderMinutes: null,
      subject: '[{courseCode} ]{title}',
      category: '',
      activityTypes: {
        Exam: { category: 'Exams', color: 'DarkRed', showAs: 'oof', sensitivity: 'private', reminderMinutes: 1440 },
        Excursion: { sync: false },
      },
      otherActivityTypes: 'skip',
    });
  });

  it('checks templates, colours and values before anything is synced', () => {
    expect(
      problems(
        minimal,
        `mapping:
  subject: "{cours} {title}"
  body: "<p>{notes</p>"
  showAs: away
  activityTypes:
    Exam: {color: chartreuse, category: "[{title}", colour: red}`,
      ),
    ).toEqual([
      'mapping.showAs: must be one of free, tentative, busy, oof, workingElsewhere (got "away")',
      'mapping.subject: unknown field {cours} (did you mean {courseCode}?) (got "{cours} {title}")',
      'mapping.body: "{" at position 4 is never closed (write {{ for a literal brace) (got "<p>{notes</p>")',
      'mapping.activityTypes.Exam.category: "[" at position 1 is never closed (write [[ for a literal bracket) (got "[{title}")',
      'mapping.activityTypes.Exam.color: must be a colour like #1f77b4, a preset like preset7, a colour name like Blue or DarkGreen, or none (got "chartreuse")',
      'mapping.activityTypes.Exam.colour: unknown key',
    ]);
  });
});

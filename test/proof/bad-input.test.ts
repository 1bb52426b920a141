// The bad-input corpus (issue 7): malformed and hostile iCalendar feeds, HTTP answers, MyTimetable answers, JSON
// timetable files, push API bodies, configuration files, certificate passwords and non-UTF-8 text. Each case
// asserts the message names the input; the push cases also run end to end (engine + emulator): the bad person's
// events stay, others carry on, and script in titles and notes reaches Outlook escaped. The tables are in
// bad-input/cases.ts.
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CertificateError } from '../../src/certificates/certificate-error.ts';
import { createSelfSignedCertificate } from '../../src/certificates/create-certificate.ts';
import { loadClientCertificate } from '../../src/certificates/load-client-certificate.ts';
import { writeCertificateFiles } from '../../src/certificates/write-certificate-files.ts';
import { ConfigError, parseConfigText } from '../../src/config/index.ts';
import { syncWindow } from '../../src/model/sync-window.ts';
import { createIcsSource } from '../../src/source/ics/ics-source.ts';
import { createJsonFileSource } from '../../src/source/json-file-source.ts';
import { createMyTimetableSource } from '../../src/source/mytimetable/mytimetable-source.ts';
import { folderSource, icsConfig, person, sourceError, window } from '../source/ics-support.ts';
import { type FakeMyTimetable, startFakeMyTimetable } from '../source/mytimetable-server.ts';
import { inspectMailbox, markerKey } from '../support/calendar-check.ts';
import { people } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';
import { type ApiHarness, startApiHarness } from '../web/api-harness.ts';
import { icsFileCases, icsHttpCases, jsonFileCases, myTimetableCases, pushCases } from './bad-input/cases.ts';

const here = join(import.meta.dirname, 'bad-input');

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const outcome = await promise.then(
    () => new Error('expected a failure, got a result'),
    (error: unknown) => error as Error,
  );
  return outcome;
}

describe('bad iCalendar files', () => {
  it.each(icsFileCases)('$name: fails person s1 naming the file, and s2 is still read', async ({ input, error }) => {
    const { source, write, feed } = folderSource();
    write('s1', input as string);
    feed('s2', 'timeedit-floating-allday');
    const failure = await sourceError(source.read(person('s1'), window));
    expect(failure.personId).toBe('s1');
    expect(failure.message).toMatch(error);
    expect(failure.message).toMatch(/nothing of theirs was changed/);
    expect((await source.read(person('s2'), window)).kind).toBe('timetable');
  });

  it('an oversized file (over maxFeedMegabytes) fails naming the file and the limit', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'tts-bad-'));
    const source = createIcsSource(icsConfig({ kind: 'folder', folder }, { maxFeedBytes: 64 * 1024 }));
    writeFileSync(
      join(folder, 's1.ics'),
      `BEGIN:VCALENDAR\r\n${'X-PAD:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(5000)}END:VCALENDAR\r\n`,
    );
    const failure = await sourceError(source.read(person('s1'), window));
    expect(failure.message).toMatch(/s1\.ics.*larger than the limit/);
  });

  it('a Latin-1 file fails naming the file (it is not UTF-8)', async () => {
    const { source, folder } = folderSource();
    copyFileSync(join(here, 'latin1.ics'), join(folder, 's1.ics'));
    const failure = await sourceError(source.read(person('s1'), window));
    expect(failure.message).toMatch(/s1\.ics.*UTF-8/);
  });
});

describe('bad JSON timetable files', () => {
  it.each(jsonFileCases)(
    '$name: fails person s1 naming the file (never an empty timetable)',
    async ({ input, error }) => {
      const path = join(mkdtempSync(join(tmpdir(), 'tts-bad-json-')), 'timetable.json');
      writeFileSync(path, input);
      const failure = await sourceError(createJsonFileSource(path).read(person('s1'), window));
      expect(failure.message).toContain(path);
      expect(failure.message).toMatch(error);
    },
  );
});

describe('feeds over HTTP that answer badly', () => {
  let server: Server;
  let base: string;
  let answer: (typeof icsHttpCases)[number]['input'] = 'hang';
  beforeAll(async () => {
    server = createServer((_request, response) => {
      if (answer === 'hang') return;
      if (answer === 'huge') {
        response.writeHead(200, { 'content-type': 'text/calendar' });
        response.end(`BEGIN:VCALENDAR\r\n${'X-PAD:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n'.repeat(5000)}END:VCALENDAR\r\n`);
        return;
      }
      response.writeHead(answer.status, { 'content-type': answer.type });
      response.end(answer.body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it.each(icsHttpCases)('$name: fails person s1 naming the URL without its key', async ({ input, error }) => {
    answer = input;
    const dir = mkdtempSync(join(tmpdir(), 'tts-bad-http-'));
    const peopleFile = join(dir, 'people.csv');
    writeFileSync(peopleFile, 'id,mailbox,username,feedKey\ns1,s1@uni.example,s1,Secret-Key-42\n');
    const source = createIcsSource(
      icsConfig(
        { kind: 'url', template: `${base}/ical?user={username}&key={feedKey}`, peopleFile },
        { requestTimeoutMs: 300, maxFeedBytes: 64 * 1024 },
      ),
      { onWarning: () => undefined },
    );
    const failure = await sourceError(source.read(person('s1'), window));
    expect(failure.message).toMatch(error);
    expect(failure.message).not.toContain('Secret-Key-42');
    expect(failure.message).toMatch(/nothing of theirs was changed/);
  });
});

describe('MyTimetable answers with missing fields or wrong types', () => {
  let server: FakeMyTimetable;
  const token = 'elevated-token-bad-input';
  beforeAll(async () => {
    server = await startFakeMyTimetable({ token });
  });
  afterAll(() => server.close());

  const source = () =>
    createMyTimetableSource({
      baseUrl: server.url,
      apiToken: { kind: 'value', value: token },
      username: { mode: 'upn-local-part', prefix: '', suffix: '' },
      types: [],
      pageSize: 500,
      requestsPerSecond: 1000,
      timeoutMs: 5_000,
      language: null,
      timeZone: 'Europe/Amsterdam',
      clock: { now: () => 0, sleep: async () => undefined },
    });

  it.each(myTimetableCases)('$name: fails person s1 naming the field', async ({ input, error }) => {
    server.faults.length = 0;
    server.faults.push({ status: 200, body: input }, { status: 200, body: input }, { status: 200, body: input });
    const failure = await rejection(
      source().read({ id: 's1', mailbox: 'jdoe@uni.example' }, syncWindow(new Date('2026-12-01T12:00:00Z'), 14, 180)),
    );
    expect(failure.message).toMatch(error);
    expect(failure.message).not.toContain(token);
  });
});

describe('invalid configuration files', () => {
  const base =
    'microsoft:\n  tenantId: uni.onmicrosoft.com\n  clientId: 0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c\n  clientSecretEnv: S\n';
  const cases: readonly { name: string; yaml: string; key: RegExp }[] = [
    { name: 'not YAML at all', yaml: 'microsoft: [unclosed\n  : :', key: /line \d+/ },
    { name: 'a list at the top', yaml: '- a\n- b\n', key: /.+/ },
    { name: 'unknown top-level key', yaml: `${base}source: {type: push}\ncolour: red\n`, key: /colour/ },
    { name: 'source.type unknown', yaml: `${base}source: {type: excel}\n`, key: /source\.type/ },
    {
      name: 'sync.pastDays a string',
      yaml: `${base}source: {type: push}\nsync: {pastDays: lots}\n`,
      key: /sync\.pastDays/,
    },
    {
      name: 'sync.futureDays negative',
      yaml: `${base}source: {type: push}\nsync: {futureDays: -5}\n`,
      key: /sync\.futureDays/,
    },
    {
      name: 'tenantId missing',
      yaml: 'microsoft:\n  clientId: 0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c\n  clientSecretEnv: S\nsource: {type: push}\n',
      key: /microsoft\.tenantId/,
    },
    {
      name: 'clientId not a GUID',
      yaml: 'microsoft:\n  tenantId: uni.onmicrosoft.com\n  clientId: nope\n  clientSecretEnv: S\nsource: {type: push}\n',
      key: /microsoft\.clientId/,
    },
    {
      name: 'ics timeZone a Windows name',
      yaml: `${base}people: {file: ./p.csv}\nsource: {type: ics, folder: ./f, timeZone: W. Europe Standard Time}\n`,
      key: /source\.timeZone/,
    },
    {
      name: 'mytimetable baseUrl http',
      yaml: `${base}people: {file: ./p.csv}\nsource: {type: mytimetable, baseUrl: 'http://mt.uni.example', apiTokenEnv: T, username: upn, timeZone: Europe/Amsterdam}\n`,
      key: /source\.baseUrl/,
    },
  ];
  it.each(cases)('$name: a ConfigError naming the key', ({ yaml, key }) => {
    let error: unknown;
    try {
      parseConfigText(yaml, { file: '/etc/tts/timetable-sync.yaml', env: { S: 'secret', T: 'token' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('/etc/tts/timetable-sync.yaml');
    expect((error as Error).message).toMatch(key);
  });
});

describe('wrong certificate passwords and non-certificates', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tts-bad-cert-'));
    const created = await createSelfSignedCertificate({ subject: 'CN=bad input', keyBits: 2048 });
    writeCertificateFiles(created, {
      directory: dir,
      baseName: 'app',
      password: 'right password',
      writePasswordFile: false,
      force: false,
    });
    writeFileSync(join(dir, 'text.pfx'), 'this is not a PKCS#12 file');
  });
  const cases = [
    { name: 'wrong PFX password', file: 'app.pfx', password: 'wrong', code: 'CERT_WRONG_PASSWORD' },
    { name: 'empty PFX password', file: 'app.pfx', password: '', code: 'CERT_WRONG_PASSWORD' },
    { name: 'a text file as PFX', file: 'text.pfx', password: 'x', code: 'CERT_NOT_A_CERTIFICATE' },
  ] as const;
  it.each(cases)('$name: $code naming the file', ({ file, password, code }) => {
    let error: unknown;
    try {
      loadClientCertificate({ pfxPath: join(dir, file), password });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CertificateError);
    expect((error as CertificateError).code).toBe(code);
    expect((error as Error).message).toContain(join(dir, file));
    expect((error as Error).message).not.toContain('right password');
  });
});

describe('push API bodies, end to end', () => {
  let harness: ApiHarness;
  const put = (id: string, payload: unknown) =>
    harness.app.inject({
      method: 'PUT',
      url: `/api/v1/people/${id}/timetable`,
      payload: JSON.stringify(payload),
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
    });
  const ours = async (upn: string) =>
    (await inspectMailbox(harness.emulator, upn)).filter((event) => markerKey(event) !== undefined);

  beforeAll(async () => {
    harness = await startApiHarness();
    const first = await put('s1', {
      id: 's1',
      mailbox: people.s1.upn,
      timeZone: 'Europe/Amsterdam',
      events: lectures('s1-keep', 3),
    });
    expect(first.statusCode).toBe(202);
  });
  afterAll(() => harness?.close());

  it.each(pushCases)('$name: 400 naming the field; s1 keeps their events', async ({ input, error }) => {
    const body = {
      ...(input as Record<string, unknown>),
      mailbox:
        (input as { mailbox: string }).mailbox === 's1@uni.example'
          ? people.s1.upn
          : (input as { mailbox: string }).mailbox,
    };
    const response = await put('s1', body);
    expect(response.statusCode).toBe(400);
    const problem = response.json().error.problems[0];
    expect(`${problem.path}: ${problem.message}`).toMatch(error);
    expect((await ours(people.s1.upn)).map(markerKey).sort()).toEqual(['s1-keep-0', 's1-keep-1', 's1-keep-2']);
  });

  it('a Latin-1 JSON body is refused naming the encoding, and s1 keeps their events', async () => {
    const response = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/people/s1/timetable',
      payload: readFileSync(join(here, 'latin1-json.bin')),
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(400);
    expect((await ours(people.s1.upn)).length).toBe(3);
  });

  it("after s1's bad pushes, s2's push in the same run is written, with script and HTML escaped", async () => {
    const hostile = lectures('s2-x', 2).map((event, i) => ({
      ...event,
      title: `<script>alert(${i})</script><img src=x onerror=alert(1)>`,
      notes: '<script>document.cookie</script><b>bold</b> & "quotes"',
      staff: ['<iframe src=javascript:alert(1)>'],
    }));
    const response = await put('s2', {
      id: 's2',
      mailbox: people.s2.upn,
      timeZone: 'Europe/Amsterdam',
      events: hostile,
    });
    expect(response.statusCode).toBe(202);
    const events = await ours(people.s2.upn);
    expect(events.map(markerKey).sort()).toEqual(['s2-x-0', 's2-x-1']);
    for (const event of events) {
      expect(event.subject).toContain('<script>alert(');
      expect(event.body.content).not.toMatch(/<script|<iframe|<img/i);
      expect(event.body.content).toContain('&lt;script&gt;');
    }
    expect((await ours(people.s1.upn)).length).toBe(3);
  });
});

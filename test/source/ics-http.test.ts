// The URL form of the iCalendar source against a real HTTP server on 127.0.0.1: conditional requests (ETag and
// Last-Modified), gzip, redirects, error answers, a server that hangs, a feed that is too large, the URL template
// filled from the people file, and the request limit. Secrets never appear in a message.
import { once } from 'node:events';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { syncWindow } from '../../src/model/sync-window.ts';
import { createIcsSource } from '../../src/source/ics/ics-source.ts';
import type { IcsSourceConfig } from '../../src/source/ics/ics-source-config.ts';
import { fixtures, icsConfig, person, sourceError, window } from './ics-support.ts';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

const feed = readFileSync(join(fixtures, 'mytimetable-weekly-amsterdam.ics'), 'utf8');
const otherFeed = readFileSync(join(fixtures, 'syllabus-plus-london.ics'), 'utf8');
const secret = 'Zx9-very-secret-key';

let server: Server;
let base: string;
let handler: Handler;
let requests: { url: string; headers: IncomingMessage['headers'] }[];
let active = 0;
let mostActive = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    active++;
    mostActive = Math.max(mostActive, active);
    response.on('close', () => active--);
    handler(request, response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});
beforeEach(() => {
  requests = [];
  mostActive = 0;
});

/** A people file, and the source reading `{base}/ical?user={username}&key={feedKey}`. */
function urlSource(
  extra: Partial<IcsSourceConfig> = {},
  rows = `id,mailbox,username,feedKey\ns1,s1@uni.example,s1,${secret}\n`,
) {
  const dir = mkdtempSync(join(tmpdir(), 'tts-ics-http-'));
  const peopleFile = join(dir, 'people.csv');
  writeFileSync(peopleFile, rows);
  const template = `${base}/ical?user={username}&key={feedKey}`;
  return createIcsSource(icsConfig({ kind: 'url', template, peopleFile }, extra), { onWarning: () => undefined });
}

const calendarFeed =
  (body: string, headers: Record<string, string> = {}): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', ...headers });
    response.end(body);
  };

describe('iCalendar feeds over HTTP', () => {
  it('asks again with If-None-Match, and a 304 gives the same events, marked unchanged', async () => {
    const source = urlSource();
    handler = (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304, { etag: '"v1"' });
        response.end();
      } else calendarFeed(feed, { etag: '"v1"' })(request, response);
    };
    const first = await source.read(person('s1'), window);
    const second = await source.read(person('s1'), window);
    expect(requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(requests[0]?.url).toBe(`/ical?user=s1&key=${secret}`);
    expect(first).toMatchObject({ kind: 'timetable' });
    expect(first).not.toHaveProperty('unchanged');
    expect(second).toEqual({ ...first, unchanged: true });
  });

  it('asks with If-Modified-Since when the server gives only Last-Modified', async () => {
    const source = urlSource();
    const modified = 'Tue, 01 Sep 2026 12:00:00 GMT';
    handler = (request, response) => {
      if (request.headers['if-modified-since'] === modified) {
        response.writeHead(304);
        response.end();
      } else calendarFeed(feed, { 'last-modified': modified })(request, response);
    };
    await source.read(person('s1'), window);
    const second = await source.read(person('s1'), window);
    expect(requests.map((r) => r.headers['if-modified-since'])).toEqual([undefined, modified]);
    expect(second).toMatchObject({ kind: 'timetable', unchanged: true });
  });

  it('knows a feed is unchanged from its text when the server has no validators, and sees a change', async () => {
    const source = urlSource();
    let body = feed;
    handler = (request, response) => calendarFeed(body)(request, response);
    await source.read(person('s1'), window);
    expect(await source.read(person('s1'), window)).toMatchObject({ unchanged: true });
    body = otherFeed;
    const changed = await source.read(person('s1'), window);
    expect(changed).not.toHaveProperty('unchanged');
    expect(changed.kind === 'timetable' && changed.events[0]?.id).toBe('SPLUS-7A1C-0001|20261019T150000Z');
  });

  it('serves a moved window from what it expanded, and says unchanged only when the events are the same', async () => {
    const source = urlSource();
    const event = (uid: string, day: string) => [
      'BEGIN:VEVENT',
      `UID:${uid}`,
      `DTSTART:${day}T090000Z`,
      `DTEND:${day}T100000Z`,
      'END:VEVENT',
    ];
    const body = [
      'BEGIN:VCALENDAR',
      ...event('in-window', '20261201'),
      ...event('just-after', '20270402'),
      'END:VCALENDAR',
    ];
    handler = calendarFeed(body.join('\r\n'));
    const later = syncWindow(new Date('2026-10-08T12:00:00Z'), 14, 180);
    const ids = (result: Awaited<ReturnType<typeof source.read>>) =>
      result.kind === 'timetable' ? [result.events.map((e) => e.id), result.unchanged ?? false] : null;
    expect(ids(await source.read(person('s1'), window))).toEqual([['in-window'], false]);
    // A week later the window reaches 2 April: a new event, so not unchanged, though the feed is the same.
    expect(ids(await source.read(person('s1'), later))).toEqual([['in-window', 'just-after'], false]);
    expect(ids(await source.read(person('s1'), later))).toEqual([['in-window', 'just-after'], true]);
  });

  it('asks for the whole feed again when the window has moved past what it expanded', async () => {
    const source = urlSource();
    handler = (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') {
        response.writeHead(304);
        response.end();
      } else calendarFeed(feed, { etag: '"v1"' })(request, response);
    };
    await source.read(person('s1'), window);
    const later = syncWindow(new Date('2026-11-01T12:00:00Z'), 14, 180);
    const moved = await source.read(person('s1'), later);
    expect(requests.map((r) => r.headers['if-none-match'])).toEqual([undefined, undefined]);
    expect(moved.kind === 'timetable' && moved.events.map((e) => e.status)).toEqual([
      'confirmed',
      'confirmed',
      'cancelled',
    ]);
  });

  it('reads a gzip-compressed feed', async () => {
    const source = urlSource();
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/calendar', 'content-encoding': 'gzip' });
      response.end(gzipSync(feed));
    };
    const result = await source.read(person('s1'), window);
    expect(requests[0]?.headers['accept-encoding']).toMatch(/gzip/);
    expect(result.kind === 'timetable' && result.events).toHaveLength(4);
  });

  it('follows up to five redirects, and no more', async () => {
    const source = urlSource();
    handler = (request, response) => {
      const hop = Number(new URL(request.url ?? '', base).searchParams.get('hop') ?? 0);
      const limit = Number(new URL(request.url ?? '', base).searchParams.get('limit') ?? 3);
      if (hop < limit) {
        response.writeHead(hop % 2 === 0 ? 302 : 301, {
          location: `/moved?hop=${hop + 1}&limit=${limit}&key=${secret}`,
        });
        response.end();
      } else calendarFeed(feed)(request, response);
    };
    expect((await source.read(person('s1'), window)).kind).toBe('timetable');
    expect(requests.map((r) => r.url.split('&')[0])).toEqual([
      '/ical?user=s1',
      '/moved?hop=1',
      '/moved?hop=2',
      '/moved?hop=3',
    ]);

    const endless = urlSource({}, `id,mailbox,username,feedKey\ns1,s1@uni.example,s1&limit=9,${secret}\n`);
    handler = (_request, response) => {
      response.writeHead(302, { location: `/moved?hop=1&limit=9&key=${secret}` });
      response.end();
    };
    const error = await sourceError(endless.read(person('s1'), window));
    expect(error.message).toContain('redirected more than 5 times');
    expect(error.message).not.toContain(secret);
  });

  it.each([
    [404, 'Not Found', ''],
    [500, 'Internal Server Error', ''],
    [403, 'Forbidden', ' (is the feed key right and still valid?)'],
  ])('fails the person on %i, naming the URL without its key', async (status, text, hint) => {
    const source = urlSource();
    handler = (_request, response) => {
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end('nope');
    };
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.message).toBe(
      `iCalendar feeds ${base}/ical?user={username}&key={feedKey}: person s1: feed ${base}/ical?user=s1&key=*** answered ${status} ${text}${hint}; nothing of theirs was changed`,
    );
  });

  it('fails the person when the server answers with an HTML page', async () => {
    const source = urlSource();
    handler = calendarFeed('<!DOCTYPE html><html><body>Sign in</body></html>', { 'content-type': 'text/html' });
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.message).toContain('answered with an HTML page, not an iCalendar feed');
    expect(error.message).not.toContain(secret);
  });

  it('gives up on a server that does not answer, within the timeout', async () => {
    const source = urlSource({ requestTimeoutMs: 300 });
    handler = () => undefined;
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.message).toContain(`feed ${base}/ical?user=s1&key=*** did not answer within 0.3 s`);
  });

  it('refuses a feed larger than the limit, declared or streamed', async () => {
    const source = urlSource({ maxFeedBytes: 1000 });
    handler = calendarFeed(feed);
    const declared = await sourceError(source.read(person('s1'), window));
    expect(declared.message).toContain('is larger than the limit of 0.0 MB (source.maxFeedMegabytes)');
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'text/calendar', 'transfer-encoding': 'chunked' });
      response.write(feed.slice(0, 800));
      response.end(feed.slice(800));
    };
    const streamed = await sourceError(source.read(person('s1'), window));
    expect(streamed.message).toContain('is larger than the limit');
  });

  it('names a server it cannot reach', async () => {
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = (closed.address() as AddressInfo).port;
    closed.close();
    const template = `http://127.0.0.1:${port}/ical?user={username}`;
    const source = createIcsSource(icsConfig({ kind: 'url', template, peopleFile: null }));
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.message).toContain(`feed http://127.0.0.1:${port}/ical?user=s1 cannot be reached (ECONNREFUSED)`);
  });

  it('fills the template from the people file, URL-encoded; unknown people and missing keys are told apart', async () => {
    const rows = ['id,mailbox,username,feedKey', 's1,s1@uni.example,jan & piet,k/1+', 's2,s2@uni.example,,', ''].join(
      '\n',
    );
    const source = urlSource({}, rows);
    handler = calendarFeed(feed);
    await source.read(person('s1'), window);
    expect(requests[0]?.url).toBe('/ical?user=jan%20%26%20piet&key=k%2F1%2B');
    expect(await source.read(person('gone'), window)).toEqual({ kind: 'unknown-person', personId: 'gone' });
    const missing = await sourceError(source.read(person('s2'), window));
    expect(missing.message).toContain(
      'person s2: the feed URL needs {feedKey}, which the people file does not give for them',
    );
  });

  it('takes the username from the mailbox when there is no people file (a group roster)', async () => {
    const source = createIcsSource(
      icsConfig({ kind: 'url', template: `${base}/ical/{username}.ics`, peopleFile: null }),
    );
    handler = calendarFeed(feed);
    await source.read({ id: 'Jan.Jansen@uni.example', mailbox: 'Jan.Jansen@uni.example' }, window);
    expect(requests[0]?.url).toBe('/ical/Jan.Jansen.ics');
  });

  it('keeps to the configured number of requests at once', async () => {
    const rows = [
      'id,mailbox,username,feedKey',
      ...Array.from({ length: 8 }, (_, i) => `p${i},p${i}@uni.example,p${i},k${i}`),
    ];
    const source = urlSource({ maxConcurrentRequests: 2 }, `${rows.join('\n')}\n`);
    handler = (request, response) => setTimeout(() => calendarFeed(feed)(request, response), 20);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => source.read(person(`p${i}`), window)));
    expect(results.every((result) => result.kind === 'timetable')).toBe(true);
    expect(requests).toHaveLength(8);
    expect(mostActive).toBe(2);
  });
});

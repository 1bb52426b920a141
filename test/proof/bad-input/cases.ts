// The bad-input corpus as tables: each case is an input and what must come of it, an error message (a pattern naming
// the file, line, person or field) or, for hostile but valid input, that it is read as it is. bad-input.test.ts runs
// the tables; docs/reliability.md lists them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lectures } from '../../support/engine.ts';

export interface Case<T> {
  readonly name: string;
  readonly input: T;
  /** The error message must match this. */
  readonly error: RegExp;
}

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
const ok = ['UID:ok', 'DTSTART:20261201T090000Z', 'DTEND:20261201T100000Z', 'SUMMARY:fine'];

/** Feeds in a folder, read as person s1: the message names `…/s1.ics` and, where there is one, the line. */
export const icsFileCases: readonly Case<string | Buffer>[] = [
  { name: 'empty file', input: '', error: /s1\.ics/ },
  { name: 'only whitespace', input: '\r\n \r\n', error: /s1\.ics/ },
  { name: 'no BEGIN:VCALENDAR', input: vevent(...ok).join('\r\n'), error: /s1\.ics.*line 1/ },
  {
    name: 'HTML login page',
    input: '<!DOCTYPE html><html><body>Log in</body></html>',
    error: /s1\.ics line 1: this is an HTML page/,
  },
  { name: 'JSON instead of iCalendar', input: '{"events":[]}', error: /s1\.ics line 1/ },
  {
    name: 'cut off mid-event',
    input: calendar('BEGIN:VEVENT', 'UID:a').replace(/\r\nEND:VCALENDAR$/, ''),
    error: /s1\.ics line 3: BEGIN:VEVENT is never closed/,
  },
  {
    name: 'wrong END',
    input: calendar(...vevent(...ok).slice(0, -1), 'END:VTODO'),
    error: /s1\.ics line 8: END:VTODO does not close/,
  },
  {
    name: 'garbage line',
    input: calendar(...vevent(...ok, 'garbage here')),
    error: /s1\.ics line 8: not an iCalendar line/,
  },
  {
    name: 'unclosed quote in a parameter',
    input: calendar(...vevent(...ok, 'LOCATION;X-A="open:Room')),
    error: /s1\.ics line 8:.*double quote/,
  },
  {
    name: 'month 13',
    input: calendar(...vevent('UID:m13', 'DTSTART:20261301T090000Z', 'SUMMARY:x')),
    error: /s1\.ics.*m13/,
  },
  {
    name: 'end before start',
    input: calendar(...vevent('UID:back', 'DTSTART:20261201T100000Z', 'DTEND:20261201T090000Z')),
    error: /s1\.ics.*back/,
  },
  {
    name: 'unknown TZID',
    input: calendar(
      ...vevent('UID:mars', 'DTSTART;TZID=Mars/Olympus:20261201T090000', 'DTEND;TZID=Mars/Olympus:20261201T100000'),
    ),
    error: /s1\.ics.*Mars\/Olympus/,
  },
  {
    name: 'event without DTSTART',
    input: calendar(...vevent('UID:nostart', 'SUMMARY:When?')),
    error: /s1\.ics.*nostart/,
  },
  {
    name: 'RRULE with a bad FREQ',
    input: calendar(
      ...vevent('UID:rr', 'DTSTART:20261201T090000Z', 'DTEND:20261201T100000Z', 'RRULE:FREQ=FORTNIGHTLY'),
    ),
    error: /s1\.ics/,
  },
  { name: 'binary junk', input: Buffer.from([0x00, 0xff, 0xfe, 0x01, 0x02, 0x89, 0x50, 0x4e, 0x47]), error: /s1\.ics/ },
  {
    name: 'year 99999 date',
    input: calendar(...vevent('UID:far', 'DTSTART:999991201T090000Z', 'SUMMARY:x')),
    error: /s1\.ics.*far/,
  },
];

/** Over HTTP (a local server); the message names the feed URL with the key hidden. */
export const icsHttpCases: readonly Case<{ status: number; type: string; body: string } | 'hang' | 'huge'>[] = [
  {
    name: 'HTML page with 200',
    input: { status: 200, type: 'text/html', body: '<html><body>Sign in</body></html>' },
    error: /ical\?user=s1&key=\*\*\*.*HTML page/,
  },
  {
    name: '500 Internal Server Error',
    input: { status: 500, type: 'text/plain', body: 'boom' },
    error: /key=\*\*\*.*500/,
  },
  { name: '404 Not Found', input: { status: 404, type: 'text/plain', body: 'nope' }, error: /key=\*\*\*.*404/ },
  { name: 'a server that never answers', input: 'hang', error: /key=\*\*\*.*did not answer within/ },
  { name: 'larger than maxFeedMegabytes', input: 'huge', error: /key=\*\*\*.*larger than the limit/ },
];

/** MyTimetable answers for user jdoe (person s1); a bad event fails the person naming its index and field. */
export const myTimetableCases: readonly Case<string>[] = [
  { name: 'HTML instead of JSON', input: '<html>maintenance</html>', error: /person s1.*not JSON/ },
  { name: 'an empty body', input: '', error: /person s1.*(not JSON|empty)/ },
  { name: 'an object, not a list', input: '{"events":[]}', error: /person s1.*JSON list/ },
  {
    name: 'event without id',
    input: JSON.stringify([{ startDate: 1796112000000, endDate: 1796115600000 }]),
    error: /\[0\]\.id/,
  },
  {
    name: 'startDate as a string',
    input: JSON.stringify([{ id: 'e1', startDate: '2026-12-01', endDate: 1796115600000 }]),
    error: /\[0\]\.startDate.*number/,
  },
  {
    name: 'endDate before startDate',
    input: JSON.stringify([{ id: 'e1', startDate: 1796115600000, endDate: 1796112000000 }]),
    error: /\[0\]\.endDate/,
  },
  {
    name: 'staffMembers not a list',
    input: JSON.stringify([{ id: 'e1', startDate: 1796112000000, endDate: 1796115600000, staffMembers: 'Dr. X' }]),
    error: /\[0\]\.staffMembers/,
  },
  {
    name: 'allDay as a string',
    input: JSON.stringify([{ id: 'e1', startDate: 1796112000000, endDate: 1796115600000, allDay: 'yes' }]),
    error: /\[0\]\.allDay/,
  },
  { name: 'a list of numbers', input: '[1,2,3]', error: /\[0\]/ },
  {
    name: 'startDate out of range',
    input: JSON.stringify([{ id: 'e1', startDate: 9e18, endDate: 9e18 }]),
    error: /\[0\]\.startDate/,
  },
];

const s1 = { id: 's1', mailbox: 's1@uni.example', timeZone: 'Europe/Amsterdam' };
const one = lectures('p', 1)[0] as Record<string, unknown>;

/** `source.type: json` files, read as person s1: the message names the file and, for a bad event, the field. */
export const jsonFileCases: readonly Case<string | Buffer>[] = [
  {
    name: 'Latin-1 text',
    input: readFileSync(join(import.meta.dirname, 'latin1-json.bin')),
    error: /timetable\.json: the file is not UTF-8 text \(save it as UTF-8\)/,
  },
  {
    name: 'a 256-character title',
    input: JSON.stringify({
      timeZone: 'Europe/Amsterdam',
      people: [{ id: 's1', mailbox: 's1@uni.example', events: [{ ...one, title: 'x'.repeat(256) }] }],
    }),
    error: /people\[0\]\.events\[0\]\.title \(person s1, event p-0\): must be at most 255 characters/,
  },
];

/** PUT /api/v1/people/s1/timetable bodies: 400 with the first problem's path and message. */
export const pushCases: readonly Case<unknown>[] = [
  { name: 'events is a string', input: { ...s1, events: 'none' }, error: /^people\/s1\/events: / },
  { name: 'id is a number', input: { ...s1, id: 7, events: [] }, error: /^people\/s1\/id: / },
  {
    name: 'mailbox not an address',
    input: { ...s1, mailbox: 'nobody', events: [] },
    error: /^people\/s1\/mailbox: must be a user principal name/,
  },
  {
    name: 'unknown top-level field',
    input: { ...s1, colour: 'red', events: [] },
    error: /^people\/s1\/colour: unknown key/,
  },
  {
    name: 'unknown event field',
    input: { ...s1, events: [{ ...one, colour: 'red' }] },
    error: /^people\/s1\/events\[0\]\.colour/,
  },
  {
    name: 'zone not IANA',
    input: { ...s1, timeZone: 'W. Europe Standard Time', events: [] },
    error: /^people\/s1\/timeZone: must be an IANA/,
  },
  {
    name: '10,001 events',
    input: { ...s1, events: Array.from({ length: 10_001 }, () => ({})) },
    error: /^people\/s1\/events: must have at most 10000/,
  },
  { name: 'event is null', input: { ...s1, events: [null] }, error: /^people\/s1\/events\[0\]/ },
  {
    name: 'event id missing',
    input: { ...s1, events: [{ ...one, id: undefined }] },
    error: /^people\/s1\/events\[0\]\.id/,
  },
  {
    name: 'title is a number',
    input: { ...s1, events: [{ ...one, title: 42 }] },
    error: /^people\/s1\/events\[0\]\.title/,
  },
  {
    name: 'start not a date',
    input: { ...s1, events: [{ ...one, start: 'tomorrow' }] },
    error: /^people\/s1\/events\[0\]\.start/,
  },
  {
    name: 'month 13',
    input: { ...s1, events: [{ ...one, start: '2026-13-01T09:00', end: '2026-13-01T10:00' }] },
    error: /^people\/s1\/events\[0\]\.(start|end)/,
  },
  { name: 'end is a number', input: { ...s1, events: [{ ...one, end: 5 }] }, error: /^people\/s1\/events\[0\]\.end/ },
  {
    name: 'allDay is a string',
    input: { ...s1, events: [{ ...one, allDay: 'yes' }] },
    error: /^people\/s1\/events\[0\]\.allDay/,
  },
  {
    name: 'status not known',
    input: { ...s1, events: [{ ...one, status: 'maybe' }] },
    error: /^people\/s1\/events\[0\]\.status/,
  },
  {
    name: 'end before start',
    input: { ...s1, events: [{ ...one, end: `${String(one.start).slice(0, 10)}T08:00` }] },
    error: /^people\/s1\/events\[0\]\.end: .*before start/,
  },
  { name: 'duplicate event ids', input: { ...s1, events: [one, one] }, error: /^people\/s1\/events\[1\]\.id/ },
  {
    name: 'locations not a list',
    input: { ...s1, events: [{ ...one, locations: 'Hall A' }] },
    error: /^people\/s1\/events\[0\]\.locations/,
  },
  {
    name: 'year 0001',
    input: { ...s1, events: [{ ...one, start: '0001-12-01T09:00', end: '0001-12-01T10:00' }] },
    error: /^people\/s1\/events\[0\]\.start: must be between the years 1900 and 2200/,
  },
  {
    name: 'year 9999',
    input: { ...s1, events: [{ ...one, start: '9999-12-01T09:00', end: '9999-12-01T10:00' }] },
    error: /^people\/s1\/events\[0\]\.start: must be between the years 1900 and 2200/,
  },
  {
    name: 'a 256-character title',
    input: { ...s1, events: [{ ...one, title: 'x'.repeat(256) }] },
    error: /^people\/s1\/events\[0\]\.title: must be at most 255 characters/,
  },
  {
    name: '101 locations',
    input: { ...s1, events: [{ ...one, locations: Array.from({ length: 101 }, (_, i) => `Room ${i}`) }] },
    error: /^people\/s1\/events\[0\]\.locations: must have at most 100 entries/,
  },
];

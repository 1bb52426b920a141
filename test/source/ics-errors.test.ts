// A feed that cannot be read is that person's error, naming the file and the line, and never an empty timetable:
// the engine then changes nothing of theirs. Other people's feeds are read as usual.
import { describe, expect, it } from 'vitest';
import { folderSource, person, sourceError, timetable, window } from './ics-support.ts';

const calendar = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', ...lines, 'END:VCALENDAR'].join('\r\n');
const event = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];

describe('iCalendar feeds that cannot be used', () => {
  it('fails a person without a feed file, naming the file, and reads everyone else', async () => {
    const { source, feed, folder } = folderSource();
    feed('s2', 'timeedit-floating-allday');
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.code).toBe('SOURCE_UNREADABLE');
    expect(error.personId).toBe('s1');
    expect(error.message).toBe(
      `iCalendar folder ${folder}: person s1: cannot read ${folder}/s1.ics (no such file); nothing of theirs was changed`,
    );
    expect(await timetable(source, 's2')).toHaveLength(8);
  });

  it('refuses an id that would name a file outside the folder', async () => {
    const { source } = folderSource();
    const error = await sourceError(source.read(person('../secrets'), window));
    expect(error.message).toContain('the id "../secrets" cannot name a file in');
  });

  it.each([
    [
      'a component closed by the wrong END',
      calendar(...event('UID:a', 'DTSTART:20261201T090000Z'), 'END:VTODO'),
      'line 7: END:VTODO does not close BEGIN:VCALENDAR from line 1',
    ],
    [
      'a feed cut off in the middle',
      calendar('BEGIN:VEVENT', 'UID:a', 'SUMMARY:half').replace(/\r\nEND:VCALENDAR$/, ''),
      'line 3: BEGIN:VEVENT is never closed (the feed may be cut off)',
    ],
    [
      'a line that is not NAME:value',
      calendar(...event('UID:a', 'DTSTART:20261201T090000Z', 'this line is garbage')),
      'line 6: not an iCalendar line (expected NAME:value): "this line is garbage"',
    ],
    [
      'a parameter without a value',
      calendar(...event('UID:a', 'DTSTART:20261201T090000Z', 'SUMMARY;LANGUAGE:Hello')),
      'line 6: Invalid parameters',
    ],
    [
      'an unclosed quote',
      calendar(...event('UID:a', 'DTSTART:20261201T090000Z', 'SUMMARY;X-A="open:Hello')),
      'line 6: (no matching double quote)',
    ],
    [
      'an HTML page',
      '<!DOCTYPE html>\n<html><body>Please log in</body></html>',
      'line 1: this is an HTML page, not an iCalendar feed',
    ],
  ])('names the line of %s', async (_what, text, expected) => {
    const { source, write, folder } = folderSource();
    write('s1', text);
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.code).toBe('SOURCE_MALFORMED');
    expect(error.message).toContain(`person s1: ${folder}/s1.ics ${expected}`);
    expect(error.message).toMatch(/nothing of theirs was changed$/);
  });

  it('lists every event that cannot be read, with its line and UID', async () => {
    const { source, write } = folderSource();
    write(
      's1',
      calendar(
        ...event('UID:bad-date', 'DTSTART:20261301T090000Z', 'SUMMARY:month 13'),
        ...event('UID:backwards', 'DTSTART:20261201T100000Z', 'DTEND:20261201T090000Z'),
        ...event(
          'UID:nowhere',
          'DTSTART;TZID=Mars/Olympus_Mons:20261201T090000',
          'DTEND;TZID=Mars/Olympus_Mons:20261201T100000',
        ),
        ...event('UID:no-start', 'SUMMARY:When?'),
        ...event('UID:fine', 'DTSTART:20261202T100000Z', 'DTEND:20261202T110000Z'),
        ...event('UID:runaway', 'DTSTART:20261001T000000Z', 'RRULE:FREQ=MINUTELY'),
      ),
    );
    const error = await sourceError(source.read(person('s1'), window));
    expect(error.code).toBe('SOURCE_INVALID_EVENTS');
    const where = (line: number) => expect.stringMatching(new RegExp(`s1\\.ics line ${line}$`));
    expect(error.problems).toEqual([
      {
        path: where(5),
        personId: 's1',
        eventId: 'bad-date',
        message: 'DTSTART is not a real date or date and time (got "2026-13-01T09:00:00Z")',
      },
      { path: where(11), personId: 's1', eventId: 'backwards', message: 'DTEND is before DTSTART' },
      {
        path: where(15),
        personId: 's1',
        eventId: 'nowhere',
        message:
          'DTSTART: unknown time zone "Mars/Olympus_Mons": neither an IANA or Windows zone name nor defined by a VTIMEZONE in the feed',
      },
      { path: where(18), personId: 's1', eventId: 'no-start', message: 'the event has no DTSTART' },
      {
        path: where(30),
        personId: 's1',
        eventId: 'runaway',
        message: 'RRULE repeats more than 20000 times before the end of the sync window',
      },
    ]);
    expect(error.message).toContain('person s1: 5 event(s) in the feed cannot be read; nothing of theirs was changed');
  });

  it('reads the feed again once it is fixed', async () => {
    const { source, write } = folderSource();
    write('s1', calendar('BEGIN:VEVENT', 'UID:a'));
    await sourceError(source.read(person('s1'), window));
    write('s1', calendar(...event('UID:a', 'DTSTART:20261201T090000Z', 'DTEND:20261201T100000Z')));
    expect((await timetable(source, 's1')).map((e) => e.id)).toEqual(['a']);
  });

  it('answers an empty calendar with an empty timetable (a real answer, which the planner holds for an admin)', async () => {
    const { source, write } = folderSource();
    write('s1', calendar());
    expect(await timetable(source, 's1')).toEqual([]);
  });
});

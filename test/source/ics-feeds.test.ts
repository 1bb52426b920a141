// What real exports contain, read through the folder source: each fixture is written in the style of one
// timetabling system, and every expected instant below was worked out by hand in UTC.
import { describe, expect, it } from 'vitest';
import { createIcsSource } from '../../src/source/ics/ics-source.ts';
import { folderSource, icsConfig, instants, timetable } from './ics-support.ts';

const lecture = '2026!INFO101!LEC!1@mytimetable.uni.example';

describe('iCalendar feeds', () => {
  it('expands a weekly series across the October DST change in Europe/Amsterdam, with a moved and a cancelled occurrence', async () => {
    const { source, feed } = folderSource();
    feed('s1', 'mytimetable-weekly-amsterdam');
    const events = await timetable(source, 's1');
    // 09:00 CEST is 07:00Z until 25 October, 09:00 CET is 08:00Z after. COUNT=5: 13, 20, 27 Oct, 3 and 10 Nov;
    // 27 Oct moved to Thursday 29 Oct 14:00 CET (13:00Z) under its original key, 3 Nov cancelled, 10 Nov an EXDATE.
    expect(instants(events)).toEqual([
      [`${lecture}|20261013T070000Z`, '2026-10-13T07:00:00Z', '2026-10-13T08:45:00Z', 'confirmed'],
      [`${lecture}|20261020T070000Z`, '2026-10-20T07:00:00Z', '2026-10-20T08:45:00Z', 'confirmed'],
      [`${lecture}|20261027T080000Z`, '2026-10-29T13:00:00Z', '2026-10-29T14:45:00Z', 'confirmed'],
      [`${lecture}|20261103T080000Z`, '2026-11-03T08:00:00Z', '2026-11-03T09:45:00Z', 'cancelled'],
    ]);
    expect(events[0]).toMatchObject({
      when: { allDay: false, start: '2026-10-13T09:00:00', end: '2026-10-13T10:45:00', timeZone: 'Europe/Amsterdam' },
      title: 'INFO101 Introduction to Programming',
      activityType: 'Lecture',
      locations: [{ name: 'Lecture Hall A', url: null }],
      staff: ['Dr. A. Turing'],
      notes: 'Bring a laptop.\nSlides on the course page.',
    });
    expect(events[2]).toMatchObject({
      title: 'INFO101 Introduction to Programming (moved)',
      locations: [{ name: 'Lecture Hall B' }],
    });
  });

  it('follows Europe/London through both DST changes, with INTERVAL, COUNT and a UTC UNTIL that includes its last day', async () => {
    const { source, feed } = folderSource();
    feed('s1', 'syllabus-plus-london');
    // 16:00 BST is 15:00Z on 19 Oct; 16:00 GMT is 16:00Z on 2 and 16 Nov (every other week).
    // 10:00 GMT is 10:00Z on 15 and 22 March; 10:00 BST on 29 March is 09:00Z, exactly UNTIL.
    expect(instants(await timetable(source, 's1'))).toEqual([
      ['SPLUS-7A1C-0001|20261019T150000Z', '2026-10-19T15:00:00Z', '2026-10-19T16:00:00Z', 'confirmed'],
      ['SPLUS-7A1C-0001|20261102T160000Z', '2026-11-02T16:00:00Z', '2026-11-02T17:00:00Z', 'confirmed'],
      ['SPLUS-7A1C-0001|20261116T160000Z', '2026-11-16T16:00:00Z', '2026-11-16T17:00:00Z', 'confirmed'],
      ['SPLUS-7A1C-0002|20270315T100000Z', '2027-03-15T10:00:00Z', '2027-03-15T11:00:00Z', 'confirmed'],
      ['SPLUS-7A1C-0002|20270322T100000Z', '2027-03-22T10:00:00Z', '2027-03-22T11:00:00Z', 'confirmed'],
      ['SPLUS-7A1C-0002|20270329T090000Z', '2027-03-29T09:00:00Z', '2027-03-29T10:00:00Z', 'confirmed'],
    ]);
  });

  it('reads Windows zone names, display names and a zone only a VTIMEZONE defines (Exchange)', async () => {
    const { source, feed } = folderSource();
    feed('s1', 'exchange-windows-zones');
    const events = await timetable(source, 's1');
    const id = (n: number) => `040000008200E00074C5B7101A82E00800000000WIN${n}`;
    expect(instants(events)).toEqual([
      // (UTC+01:00) Amsterdam, Berlin, …: 13:00 CEST.
      [id(2), '2026-09-25T11:00:00Z', '2026-09-25T13:00:00Z', 'confirmed'],
      // Customized Time Zone: its VTIMEZONE says +01:00 in November.
      [id(3), '2026-11-05T10:00:00Z', '2026-11-05T11:00:00Z', 'confirmed'],
      // W. Europe Standard Time: 09:00 CET.
      [id(1), '2026-12-01T08:00:00Z', '2026-12-01T09:00:00Z', 'confirmed'],
      // GMT Standard Time: 09:00 GMT.
      [id(4), '2026-12-01T09:00:00Z', '2026-12-01T10:00:00Z', 'confirmed'],
      [id(5), '2026-12-02T09:00:00Z', '2026-12-02T10:00:00Z', 'cancelled'],
    ]);
    const byId = new Map(events.map((event) => [event.id, event]));
    expect(byId.get(id(1))).toMatchObject({
      when: { start: '2026-12-01T09:00:00', timeZone: 'Europe/Amsterdam' },
      staff: ['Dr. A. Turing', 'Prof. B. Liskov'],
      onlineMeetingUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc',
      notes: 'Room change: Hall B\nFish & chips',
    });
    expect(byId.get(id(4))).toMatchObject({
      when: { start: '2026-12-01T09:00:00', timeZone: 'Europe/London' },
      onlineMeetingUrl: 'https://meet.uni.example/london',
    });
    // Known only by its rules: shown in the institution's zone.
    expect(byId.get(id(3))?.when).toMatchObject({ start: '2026-11-05T11:00:00', timeZone: 'Europe/Amsterdam' });
  });

  it('reads UTC times, escaped commas and semicolons, folded lines, zero-length events and the hour DST repeats', async () => {
    const { source, feed } = folderSource();
    feed('s1', 'celcat-utc');
    const events = await timetable(source, 's1');
    expect(instants(events)).toEqual([
      // A UTC series keeps its UTC time: 10:00 CEST, then 09:00 CET.
      ['celcat-1003|20261020T080000Z', '2026-10-20T08:00:00Z', '2026-10-20T09:30:00Z', 'confirmed'],
      ['celcat-1005', '2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z', 'confirmed'],
      ['celcat-1004', '2026-10-25T01:30:00Z', '2026-10-25T02:00:00Z', 'confirmed'],
      ['celcat-1003|20261027T080000Z', '2026-10-27T08:00:00Z', '2026-10-27T09:30:00Z', 'confirmed'],
      ['celcat-1001', '2026-11-24T08:30:00Z', '2026-11-24T10:15:00Z', 'confirmed'],
      ['celcat-1002', '2026-11-25T12:00:00Z', '2026-11-25T12:00:00Z', 'confirmed'],
    ]);
    const byId = new Map(events.map((event) => [event.id, event]));
    expect(byId.get('celcat-1001')).toMatchObject({
      when: { start: '2026-11-24T09:30:00', end: '2026-11-24T11:15:00', timeZone: 'Europe/Amsterdam' },
      title: 'Practical; group A, week 1',
      locations: [{ name: 'Building 1, Room 2.03', url: null }],
      notes: 'Module: CHEM110 - Practical chemistry\nStaff: Dr. M. Curie\nGroups: CHEM-1A, CHEM-1B',
      activityType: 'Practical',
    });
    expect(byId.get('celcat-1003|20261020T080000Z')?.when).toMatchObject({ start: '2026-10-20T10:00:00' });
    expect(byId.get('celcat-1003|20261027T080000Z')?.when).toMatchObject({ start: '2026-10-27T09:00:00' });
    // 02:30 happens twice in Amsterdam that night; whichever wall clock a span uses, it names the right instant.
    expect(byId.get('celcat-1004')?.when).toMatchObject({ start: '2026-10-25T02:30:00', timeZone: 'Europe/Amsterdam' });
  });

  it('reads floating times in the configured zone, all-day events and DURATION', async () => {
    const { source, feed } = folderSource();
    feed('s1', 'timeedit-floating-allday');
    const events = await timetable(source, 's1');
    expect(instants(events)).toEqual([
      ['te-1', '2026-12-02T08:00:00Z', '2026-12-02T09:00:00Z', 'confirmed'],
      ['te-2', '2026-12-03T13:00:00Z', '2026-12-03T14:30:00Z', 'confirmed'],
      ['te-7', '2026-12-04T11:00:00Z', '2026-12-04T11:00:00Z', 'confirmed'],
      ['te-6|20261207', '2026-12-06T23:00:00Z', '2026-12-07T23:00:00Z', 'confirmed'],
      ['te-6|20261209', '2026-12-08T23:00:00Z', '2026-12-09T23:00:00Z', 'confirmed'],
      ['te-3', '2026-12-23T23:00:00Z', '2026-12-26T23:00:00Z', 'confirmed'],
      ['te-4', '2026-12-31T23:00:00Z', '2027-01-01T23:00:00Z', 'confirmed'],
      ['te-5', '2027-01-03T23:00:00Z', '2027-01-04T23:00:00Z', 'confirmed'],
    ]);
    expect(events.find((event) => event.id === 'te-3')?.when).toEqual({
      allDay: true,
      startDate: '2026-12-24',
      endDate: '2026-12-27',
      timeZone: 'Europe/Amsterdam',
    });
  });

  it('adds RDATEs (times and periods), removes EXDATEs (UTC against a zoned series, a date against a timed one), and takes the newest override', async () => {
    const { source, feed, warnings } = folderSource();
    feed('s1', 'rdate-exdate');
    const events = await timetable(source, 's1');
    expect(instants(events)).toEqual([
      ['series-rdate|20261201T100000Z', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z', 'confirmed'],
      ['series-daily|20261214T080000Z', '2026-12-14T08:00:00Z', '2026-12-14T08:30:00Z', 'confirmed'],
      ['series-rdate|20261215T100000Z', '2026-12-15T10:00:00Z', '2026-12-15T11:00:00Z', 'confirmed'],
      // Moved twice; SEQUENCE 3 wins over SEQUENCE 1: 11:30 CET.
      ['series-daily|20261215T080000Z', '2026-12-15T10:30:00Z', '2026-12-15T11:00:00Z', 'confirmed'],
      ['series-daily|20261217T080000Z', '2026-12-17T08:00:00Z', '2026-12-17T08:30:00Z', 'confirmed'],
      ['series-rdate|20261218T130000Z', '2026-12-18T13:00:00Z', '2026-12-18T14:00:00Z', 'confirmed'],
      ['series-rdate|20261221T090000Z', '2026-12-21T09:00:00Z', '2026-12-21T12:00:00Z', 'confirmed'],
    ]);
    expect(events.find((event) => event.id === 'series-daily|20261215T080000Z')?.title).toBe(
      'Stand-up (latest change)',
    );
    expect(warnings.flatMap((warning) => warning.messages)).toEqual([
      '2 overrides of series-daily|20261215T080000Z (lines 41, 50): the one with the highest SEQUENCE (line 50) is used',
    ]);
  });

  it('copes with a byte-order mark, blank lines, stray spaces, LF line ends, folds, HTML, missing and duplicate UIDs', async () => {
    const { source, feed, warnings } = folderSource();
    feed('s1', 'messy');
    const events = await timetable(source, 's1');
    const derived = events.find((event) => event.title === 'No UID here')?.id ?? '';
    expect(derived).toMatch(/^derived-[0-9a-f]{24}$/);
    expect(instants(events)).toEqual([
      ['fold-1', '2026-12-09T13:00:00Z', '2026-12-09T14:00:00Z', 'confirmed'],
      [derived, '2026-12-10T13:00:00Z', '2026-12-10T14:00:00Z', 'confirmed'],
      ['dup-1', '2026-12-11T11:00:00Z', '2026-12-11T12:00:00Z', 'confirmed'],
      ['course-x|20261214T080000Z', '2026-12-14T08:00:00Z', '2026-12-14T09:00:00Z', 'confirmed'],
      ['course-x|20261215T080000Z', '2026-12-15T08:00:00Z', '2026-12-15T09:00:00Z', 'confirmed'],
      ['alt-1', '2026-12-16T08:00:00Z', '2026-12-16T09:00:00Z', 'confirmed'],
    ]);
    expect(events[0]).toMatchObject({
      title: 'A very long summary that an exporter folded over three lines, once with a space and once with a tab',
      locations: [
        { name: 'Room A', url: null },
        { name: 'Room B', url: null },
      ],
      notes: 'Please read chapter 1.\nQuiz: 1 < 2',
    });
    expect(events.find((event) => event.id === 'dup-1')?.title).toBe('New version');
    expect(events.at(-1)).toMatchObject({
      locations: [{ name: 'Room 2.03', url: 'https://maps.uni.example/rooms/2.03' }],
      activityType: 'Tutorial',
      activityTypeColor: '#1e90ff',
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.messages).toEqual([
      '1 event(s) without UID (line 20): keyed by their start, summary and location, so a change to any of them replaces the event',
      'UID dup-1 appears 2 times without RECURRENCE-ID (lines 27, 35): the one with the highest SEQUENCE (line 35) is used',
      'UID course-x is used by 2 events (lines 43, 50): each is kept, keyed by UID and start',
    ]);
    // The derived key is the same on every read, in any process.
    const again = folderSource();
    again.feed('s1', 'messy');
    expect((await timetable(again.source, 's1')).map((event) => event.id)).toContain(derived);
  });

  it('reads feeds glued together (several VCALENDARs in one file) and reports warnings as process warnings', async () => {
    const { folder, write } = folderSource();
    const source = createIcsSource(icsConfig({ kind: 'folder', folder }));
    const calendar = (uid: string) => [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTART:20261201T090000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ];
    write('s1', [...calendar('first'), ...calendar('second'), ...calendar('second')].join('\r\n'));
    const warned = new Promise<Error>((resolve) => process.once('warning', resolve));
    expect((await timetable(source, 's1')).map((event) => event.id)).toEqual(['first', 'second']);
    const warning = await warned;
    expect(warning).toMatchObject({ code: 'TIMETABLE_SYNC_FEED' });
    expect(warning.message).toMatch(
      /^iCalendar folder .*: person s1: UID second appears 2 times without RECURRENCE-ID/,
    );
  });

  it('reads an override of a single event as a newer version of it, under its own key', async () => {
    const { source, write } = folderSource();
    write(
      's1',
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:single',
        'DTSTART:20261201T090000Z',
        'DTEND:20261201T100000Z',
        'SUMMARY:Exam',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:single',
        'RECURRENCE-ID:20261201T090000Z',
        'DTSTART:20261201T130000Z',
        'DTEND:20261201T150000Z',
        'SUMMARY:Exam (afternoon)',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const events = await timetable(source, 's1');
    expect(instants(events)).toEqual([['single', '2026-12-01T13:00:00Z', '2026-12-01T15:00:00Z', 'confirmed']]);
    expect(events[0]?.title).toBe('Exam (afternoon)');
  });

  it('returns only the occurrences that overlap the window of a series that began long before it', async () => {
    const { source, write } = folderSource();
    write(
      's1',
      [
        'BEGIN:VCALENDAR',
        'BEGIN:VEVENT',
        'UID:weekly-since-2020',
        'DTSTART;TZID=Europe/Amsterdam:20200106T090000',
        'DTEND;TZID=Europe/Amsterdam:20200106T100000',
        'RRULE:FREQ=WEEKLY;BYDAY=MO',
        'SUMMARY:Monday meeting',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    const events = await timetable(source, 's1');
    // Mondays from 21 September 2026 up to 29 March 2027: 28 of them.
    expect(events).toHaveLength(28);
    expect(instants(events)[0]?.slice(0, 2)).toEqual(['weekly-since-2020|20260921T070000Z', '2026-09-21T07:00:00Z']);
    expect(instants(events).at(-1)?.slice(0, 2)).toEqual([
      'weekly-since-2020|20270329T070000Z',
      '2027-03-29T07:00:00Z',
    ]);
  });
});

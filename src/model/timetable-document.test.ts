import { describe, expect, it } from 'vitest';
import { parseTimetableDocument, parseTimetableOutline } from './timetable-document.ts';
import { TimetableValidationError } from './timetable-problem.ts';

const lecture = {
  id: '2026!INFO101!LEC!1-20261201',
  start: '2026-12-01T09:00',
  end: '2026-12-01T10:45',
  timeZone: 'Europe/Amsterdam',
  allDay: false,
  title: 'Introduction to Programming',
  courseCode: 'INFO101',
  activityType: 'Lecture',
  locations: ['Lecture Hall A'],
  staff: ['Dr. A. Turing'],
  groups: ['INFO-1A'],
  notes: 'Bring a laptop',
  onlineMeetingUrl: 'https://meet.example/abc',
  status: 'confirmed',
};

function documentWith(events: unknown[], extra: Record<string, unknown> = {}) {
  return { timeZone: 'Europe/Amsterdam', people: [{ id: 's1', mailbox: 's1@uni.example', events, ...extra }] };
}

function problemsOf(raw: unknown) {
  const result = parseTimetableDocument(raw);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

describe('parseTimetableDocument', () => {
  it('reads the issue example into the canonical model', () => {
    const result = parseTimetableDocument(documentWith([lecture]));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.timetables[0]?.person).toEqual({ id: 's1', mailbox: 's1@uni.example' });
    expect(result.timetables[0]?.events[0]).toEqual({
      id: lecture.id,
      when: { allDay: false, start: '2026-12-01T09:00:00', end: '2026-12-01T10:45:00', timeZone: 'Europe/Amsterdam' },
      title: 'Introduction to Programming',
      courseCode: 'INFO101',
      activityType: 'Lecture',
      activityTypeColor: null,
      locations: [{ name: 'Lecture Hall A', url: null }],
      staff: ['Dr. A. Turing'],
      groups: ['INFO-1A'],
      notes: 'Bring a laptop',
      onlineMeetingUrl: 'https://meet.example/abc',
      status: 'confirmed',
    });
  });

  it("gives times without a zone the document's zone, and converts times with an offset into it", () => {
    const events = [
      { id: 'a', start: '2026-07-01T09:00', end: '2026-07-01T10:00' },
      { id: 'b', start: '2026-07-01T07:00:00Z', end: '2026-07-01T08:00:00+00:00' },
    ];
    const result = parseTimetableDocument(documentWith(events));
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join());
    expect(result.timetables[0]?.events.map((e) => e.when)).toEqual([
      { allDay: false, start: '2026-07-01T09:00:00', end: '2026-07-01T10:00:00', timeZone: 'Europe/Amsterdam' },
      { allDay: false, start: '2026-07-01T09:00:00', end: '2026-07-01T10:00:00', timeZone: 'Europe/Amsterdam' },
    ]);
  });

  it('reads all-day events with an exclusive end, one day when the end is left out', () => {
    const events = [
      { id: 'exam-week', start: '2026-12-14', end: '2026-12-19', title: 'Exam week' },
      { id: 'holiday', start: '2026-12-25', allDay: true },
    ];
    const result = parseTimetableDocument(documentWith(events));
    if (!result.ok) throw new Error('expected a timetable');
    expect(result.timetables[0]?.events.map((e) => e.when)).toEqual([
      { allDay: true, startDate: '2026-12-14', endDate: '2026-12-19', timeZone: 'Europe/Amsterdam' },
      { allDay: true, startDate: '2026-12-25', endDate: '2026-12-26', timeZone: 'Europe/Amsterdam' },
    ]);
  });

  it('accepts locations with a link, and fills the optional fields', () => {
    const events = [
      {
        id: 'a',
        start: '2026-07-01T09:00',
        end: '2026-07-01T10:00',
        locations: [{ name: 'Room 1', url: 'https://map.example/1' }],
      },
    ];
    const result = parseTimetableDocument(documentWith(events));
    if (!result.ok) throw new Error('expected a timetable');
    const event = result.timetables[0]?.events[0];
    expect(event?.locations).toEqual([{ name: 'Room 1', url: 'https://map.example/1' }]);
    expect(event).toMatchObject({
      title: '',
      courseCode: null,
      staff: [],
      groups: [],
      notes: null,
      status: 'confirmed',
    });
  });

  it('names the person, the event and the field of every problem', () => {
    const events = [
      { ...lecture, id: 'backwards', end: '2026-12-01T08:00' },
      { ...lecture, id: 'bad-zone', timeZone: 'Mars/Olympus' },
      { ...lecture, id: 'bad-date', start: '2026-02-30T09:00' },
      { ...lecture, id: undefined },
      { ...lecture, id: 'link', onlineMeetingUrl: 'javascript:alert(1)' },
    ];
    const problems = problemsOf(documentWith(events));
    expect(problems).toEqual([
      expect.objectContaining({
        personId: 's1',
        eventId: 'backwards',
        path: 'people[0].events[0].end',
        message: expect.stringContaining('is before start'),
      }),
      expect.objectContaining({
        personId: 's1',
        eventId: 'bad-zone',
        path: 'people[0].events[1].timeZone',
        message: expect.stringContaining('"Mars/Olympus"'),
      }),
      expect.objectContaining({
        personId: 's1',
        eventId: 'bad-date',
        path: 'people[0].events[2].start',
        message: expect.stringContaining('not a real date'),
      }),
      expect.objectContaining({
        personId: 's1',
        eventId: null,
        path: 'people[0].events[3].id',
        message: 'is required',
      }),
      expect.objectContaining({
        eventId: 'link',
        path: 'people[0].events[4].onlineMeetingUrl',
        message: expect.stringContaining('http or https'),
      }),
    ]);
  });

  it('reports a duplicate event id naming both places', () => {
    const problems = problemsOf(documentWith([lecture, { ...lecture }]));
    expect(problems).toEqual([
      {
        personId: 's1',
        eventId: lecture.id,
        path: 'people[0].events[1].id',
        message: 'duplicate id (also at people[0].events[0].id)',
      },
    ]);
  });

  it('rejects unknown keys (typos), Windows zone names and all-day ends that are not after the start', () => {
    const problems = problemsOf(
      documentWith([
        { ...lecture, id: 'typo', loctions: ['Room'] },
        { id: 'win', start: '2026-07-01T09:00', end: '2026-07-01T10:00', timeZone: 'W. Europe Standard Time' },
        { id: 'day', start: '2026-07-01', end: '2026-07-01' },
      ]),
    );
    expect(problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'people[0].events[0].loctions: unknown key',
      expect.stringMatching(/^people\[0\]\.events\[1\]\.timeZone: must be an IANA time zone/),
      expect.stringMatching(/^people\[0\]\.events\[2\]\.end: must be after start; an all-day end is exclusive/),
    ]);
  });

  it('requires a zone from the event or the document', () => {
    const problems = problemsOf({
      people: [
        {
          id: 's1',
          mailbox: 's1@uni.example',
          events: [{ id: 'a', start: '2026-07-01T09:00', end: '2026-07-01T10:00' }],
        },
      ],
    });
    expect(problems[0]).toMatchObject({
      path: 'people[0].events[0].timeZone',
      message: expect.stringContaining('is required'),
    });
  });

  it('rejects duplicate people and shared mailboxes, and a missing events list', () => {
    const outline = parseTimetableOutline({
      people: [
        { id: 's1', mailbox: 's1@uni.example', events: [] },
        { id: 's1', mailbox: 'S1@uni.example', events: [] },
      ],
    });
    expect(outline.ok ? [] : outline.problems.map((p) => p.path)).toEqual(['people[1].id', 'people[1].mailbox']);
    const missing = problemsOf({ timeZone: 'UTC', people: [{ id: 's2', mailbox: 's2@uni.example' }] });
    expect(missing).toEqual([{ path: 'people[0].events', message: 'is required', personId: 's2', eventId: null }]);
  });

  it('formats all problems into one error an admin can work through', () => {
    const error = new TimetableValidationError(
      problemsOf(documentWith([{ ...lecture, end: '2026-12-01T08:00' }])),
      'timetable.json',
    );
    expect(error.code).toBe('TIMETABLE_INVALID');
    expect(error.message).toContain(`people[0].events[0].end (person s1, event ${lecture.id}): is before start`);
  });
});

import { describe, expect, it } from 'vitest';
import { parseTimetableEvents } from './timetable-event-json.ts';

const lecture = { id: 'L1', start: '2026-12-01T09:00', end: '2026-12-01T10:45', title: 'Lecture' };
const context = { personId: 's1', defaultTimeZone: 'Europe/Amsterdam', path: 'people/s1/events' };

function problemsOf(events: readonly unknown[]): string[] {
  const result = parseTimetableEvents(events, context);
  return result.ok ? [] : result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('the limits of a JSON event (JSON file and push API alike)', () => {
  it('takes events from 1900 to 2200, and refuses a year like 0001 or 9999 naming the field', () => {
    expect(
      problemsOf([
        { id: 'a', start: '1900-01-01' },
        { id: 'b', start: '2200-12-31' },
      ]),
    ).toEqual([]);
    expect(problemsOf([{ ...lecture, start: '0001-12-01T09:00' }])).toEqual([
      'people/s1/events[0].start: must be between the years 1900 and 2200 (got "0001-12-01T09:00")',
    ]);
    expect(problemsOf([{ ...lecture, end: '9999-12-01T10:45' }])).toEqual([
      'people/s1/events[0].end: must be between the years 1900 and 2200 (got "9999-12-01T10:45")',
    ]);
    // The year that counts is the one in the event's zone.
    expect(problemsOf([{ ...lecture, start: '1899-12-31T22:00Z', end: '1900-01-01T10:00' }])).toEqual([
      'people/s1/events[0].start: must be between the years 1900 and 2200 (got "1899-12-31T22:00Z")',
    ]);
  });

  it('takes texts up to their limits and refuses one character more, naming the field', () => {
    const long = (length: number) => 'x'.repeat(length);
    const atLimits = {
      ...lecture,
      title: long(255),
      notes: long(32_000),
      locations: [long(255), { name: long(255) }],
      staff: [long(255)],
      groups: [long(255)],
    };
    expect(problemsOf([atLimits])).toEqual([]);
    const over = problemsOf([
      { ...lecture, id: 'a', title: long(256) },
      { ...lecture, id: 'b', notes: long(32_001) },
      { ...lecture, id: 'c', locations: ['Hall A', long(256)] },
      { ...lecture, id: 'd', locations: [{ name: long(256) }] },
      { ...lecture, id: 'e', staff: [long(256)] },
      { ...lecture, id: 'f', groups: [long(256)] },
    ]);
    expect(over.map((problem) => problem.replace(/ \(got .*/, ''))).toEqual([
      'people/s1/events[0].title: must be at most 255 characters',
      'people/s1/events[1].notes: must be at most 32000 characters',
      'people/s1/events[2].locations[1]: must be at most 255 characters',
      'people/s1/events[3].locations[0].name: must be at most 255 characters',
      'people/s1/events[4].staff[0]: must be at most 255 characters',
      'people/s1/events[5].groups[0]: must be at most 255 characters',
    ]);
  });

  it('takes up to 100 locations, staff and groups, and refuses 101', () => {
    const list = (length: number) => Array.from({ length }, (_, i) => `Name ${i}`);
    expect(problemsOf([{ ...lecture, locations: list(100), staff: list(100), groups: list(100) }])).toEqual([]);
    expect(problemsOf([{ ...lecture, locations: list(101), staff: list(101), groups: list(101) }])).toEqual([
      'people/s1/events[0].locations: must have at most 100 entries',
      'people/s1/events[0].staff: must have at most 100 entries',
      'people/s1/events[0].groups: must have at most 100 entries',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TimetableEvent } from '../model/timetable-event.ts';
import { canonicalJson, contentHash } from './content-hash.ts';
import { eventSubject } from './event-subject.ts';
import { desiredEvents, mapEvent } from './map-event.ts';
import { CONTENT_HASH_PROPERTY_ID, SOURCE_KEY_PROPERTY_ID } from './marker.ts';
import { transactionIdFor } from './transaction-id.ts';

const lecture: TimetableEvent = {
  id: '2026!INFO101!LEC!1-20261201',
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
};

describe('mapEvent', () => {
  it('writes a readable, busy, reminded event in the timetable zone, carrying our marker and hash', () => {
    const desired = mapEvent(lecture, { reminderMinutes: 10 });
    expect(desired.sourceKey).toBe(lecture.id);
    expect(desired.startUtc).toBe('2026-12-01T08:00:00.000Z');
    expect(desired.endUtc).toBe('2026-12-01T09:45:00.000Z');
    expect(desired.payload).toMatchObject({
      subject: 'INFO101 Lecture: Introduction to Programming',
      start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2026-12-01T10:45:00', timeZone: 'Europe/Amsterdam' },
      isAllDay: false,
      location: { displayName: 'Lecture Hall A', locationType: 'default' },
      locations: [{ displayName: 'Lecture Hall A', locationType: 'default' }],
      showAs: 'busy',
      isReminderOn: true,
      reminderMinutesBeforeStart: 10,
      body: { contentType: 'html' },
      singleValueExtendedProperties: [
        { id: SOURCE_KEY_PROPERTY_ID, value: lecture.id },
        { id: CONTENT_HASH_PROPERTY_ID, value: desired.contentHash },
      ],
    });
    const body = desired.payload.body?.content ?? '';
    for (const text of [
      'Dr. A. Turing',
      'INFO-1A',
      'Bring a laptop',
      '<a href="https://meet.example/abc">',
      'managed by your timetable',
    ]) {
      expect(body).toContain(text);
    }
  });

  it('writes all-day events midnight to midnight', () => {
    const desired = mapEvent({
      ...lecture,
      when: { allDay: true, startDate: '2026-12-14', endDate: '2026-12-19', timeZone: 'Europe/Amsterdam' },
    });
    expect(desired.payload).toMatchObject({
      start: { dateTime: '2026-12-14T00:00:00', timeZone: 'Europe/Amsterdam' },
      end: { dateTime: '2026-12-19T00:00:00', timeZone: 'Europe/Amsterdam' },
      isAllDay: true,
    });
  });

  it('escapes everything from the timetable and links only http(s) URLs', () => {
    const hostile = mapEvent({
      ...lecture,
      staff: ['<script>alert(1)</script>'],
      groups: ['A & B'],
      notes: 'line 1\n<img src=x onerror=alert(1)>',
      locations: [{ name: 'Room "1"', url: 'javascript:alert(1)' }],
      onlineMeetingUrl: 'https://meet.example/?a=1&b="2"',
    });
    const body = hostile.payload.body?.content ?? '';
    expect(body).not.toMatch(/<script|<img|javascript:/);
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(body).toContain('A &amp; B');
    expect(body).toContain('line 1<br>&lt;img src=x onerror=alert(1)&gt;');
    expect(body).toContain('Room &quot;1&quot;');
    expect(body).toContain('href="https://meet.example/?a=1&amp;b=&quot;2&quot;"');
    expect(hostile.payload.location).toEqual({ displayName: 'Room "1"', locationType: 'default' });
  });

  it('writes empty locations explicitly, so an update clears an old room', () => {
    const desired = mapEvent({ ...lecture, locations: [] });
    expect(desired.payload.location).toEqual({ displayName: '', locationType: 'default' });
    expect(desired.payload.locations).toEqual([]);
  });

  it('joins several rooms in the primary location and keeps room links', () => {
    const desired = mapEvent({
      ...lecture,
      locations: [
        { name: 'A', url: 'https://map.example/a' },
        { name: 'B', url: null },
      ],
    });
    expect(desired.payload.location).toEqual({ displayName: 'A; B', locationType: 'default' });
    expect(desired.payload.locations).toEqual([
      { displayName: 'A', locationType: 'default', locationUri: 'https://map.example/a' },
      { displayName: 'B', locationType: 'default' },
    ]);
  });

  it('leaves cancelled events out of the desired set', () => {
    expect(desiredEvents([lecture, { ...lecture, id: 'x', status: 'cancelled' }]).map((d) => d.sourceKey)).toEqual([
      lecture.id,
    ]);
  });
});

describe('eventSubject', () => {
  it('uses whatever the timetable gives', () => {
    expect(eventSubject({ courseCode: null, activityType: 'Exam', title: 'Algebra' })).toBe('Exam: Algebra');
    expect(eventSubject({ courseCode: 'INFO101', activityType: null, title: '' })).toBe('INFO101');
    expect(eventSubject({ courseCode: null, activityType: null, title: 'Open day' })).toBe('Open day');
    expect(eventSubject({ courseCode: null, activityType: null, title: ' ' })).toBe('Timetable event');
    expect(eventSubject({ courseCode: null, activityType: null, title: 'x'.repeat(300) })).toHaveLength(255);
  });
});

describe('content hash', () => {
  it('depends on content, not key order or the marker properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"e":1,"f":2}]},"b":1}',
    );
    const desired = mapEvent(lecture);
    expect(contentHash({ ...desired.payload, singleValueExtendedProperties: [] })).toBe(desired.contentHash);
    expect(mapEvent({ ...lecture, notes: 'Bring two laptops' }).contentHash).not.toBe(desired.contentHash);
    expect(mapEvent({ ...lecture, id: 'another key' }).contentHash).toBe(desired.contentHash);
    expect(desired.contentHash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});

describe('transactionIdFor', () => {
  it('is a stable GUID per mailbox, key, content and replaced event', () => {
    const parts = { mailbox: 'S1@uni.example', sourceKey: 'k', contentHash: 'h' };
    const id = transactionIdFor(parts);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(transactionIdFor({ ...parts, mailbox: 's1@uni.example' })).toBe(id);
    expect(
      new Set([
        id,
        transactionIdFor({ ...parts, mailbox: 's2@uni.example' }),
        transactionIdFor({ ...parts, sourceKey: 'k2' }),
        transactionIdFor({ ...parts, contentHash: 'h2' }),
        transactionIdFor({ ...parts, replaces: 'AAMk-deleted' }),
      ]).size,
    ).toBe(5);
  });
});

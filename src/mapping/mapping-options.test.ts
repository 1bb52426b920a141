import { describe, expect, it } from 'vitest';
import type { EventState } from '../model/event-state.ts';
import { syncWindow } from '../model/sync-window.ts';
import type { TimetableEvent } from '../model/timetable-event.ts';
import { plan } from '../planner/plan.ts';
import { contentHash } from './content-hash.ts';
import { eventCategories } from './event-categories.ts';
import { desiredEvents, mapEvent } from './map-event.ts';
import type { MappingOptions } from './mapping-options.ts';

const base: TimetableEvent = {
  id: 'k-lecture',
  when: { allDay: false, start: '2026-12-02T09:00:00', end: '2026-12-02T10:45:00', timeZone: 'Europe/Amsterdam' },
  title: 'Introduction to Programming',
  courseCode: 'INFO101',
  activityType: 'Lecture',
  activityTypeColor: '#1f77b4',
  locations: [{ name: 'Hall A', url: 'https://rooms.uni.example/a' }],
  staff: ['Dr. A. Turing'],
  groups: ['INFO-1A'],
  notes: null,
  onlineMeetingUrl: null,
  status: 'confirmed',
};
const exam: TimetableEvent = { ...base, id: 'k-exam', activityType: 'exam', activityTypeColor: '#d62728' };
const trip: TimetableEvent = { ...base, id: 'k-trip', activityType: 'Excursion', activityTypeColor: null };
const misc: TimetableEvent = { ...base, id: 'k-misc', activityType: 'Colloquium', activityTypeColor: null };

const options: MappingOptions = {
  reminderMinutes: 15,
  category: '{activityType}',
  activityTypes: {
    Exam: { category: 'Exams', color: 'preset15', reminderMinutes: 1440, showAs: 'oof', sensitivity: 'private' },
    Excursion: { sync: false },
    Colloquium: { reminderMinutes: null, category: '' },
  },
};

describe('mapping per activity type', () => {
  it('writes the defaults when nothing is configured, hashing like before categories and sensitivity existed', () => {
    const desired = mapEvent(base);
    expect(desired.payload).toMatchObject({
      showAs: 'busy',
      sensitivity: 'normal',
      categories: [],
      isReminderOn: true,
      reminderMinutesBeforeStart: 15,
    });
    const { sensitivity: _s, categories: _c, singleValueExtendedProperties: _p, ...legacy } = desired.payload;
    expect(contentHash(legacy)).toBe(desired.contentHash);
  });

  it('takes reminder, show-as, sensitivity and category from the event’s activity type, matched without case', () => {
    const [lecture, examEvent, colloquium] = desiredEvents([base, exam, trip, misc], options);
    expect(lecture?.payload).toMatchObject({ categories: ['Lecture'], showAs: 'busy', reminderMinutesBeforeStart: 15 });
    expect(examEvent?.payload).toMatchObject({
      categories: ['Exams'],
      showAs: 'oof',
      sensitivity: 'private',
      isReminderOn: true,
      reminderMinutesBeforeStart: 1440,
    });
    expect(colloquium?.payload).toMatchObject({ categories: [], isReminderOn: false });
    expect(colloquium?.payload.reminderMinutesBeforeStart).toBeUndefined();
  });

  it('leaves out activity types that are not synced, and with otherActivityTypes: skip every unlisted one', () => {
    expect(desiredEvents([base, exam, trip, misc], options).map((d) => d.sourceKey)).toEqual([
      'k-lecture',
      'k-exam',
      'k-misc',
    ]);
    const only = { ...options, otherActivityTypes: 'skip' as const };
    expect(
      desiredEvents([base, exam, trip, misc, { ...base, id: 'k-none', activityType: null }], only).map(
        (d) => d.sourceKey,
      ),
    ).toEqual(['k-exam', 'k-misc']);
  });

  it('lists the categories a timetable needs, coloured by configuration or by the source’s colour', () => {
    const second = { ...base, id: 'k-lecture-2', activityType: 'LECTURE', activityTypeColor: '#2ca02c' };
    expect(eventCategories([base, second, exam, trip, misc, { ...exam, status: 'cancelled' }], options)).toEqual([
      { displayName: 'Lecture', color: 'preset7' },
      { displayName: 'Exams', color: 'preset15' },
    ]);
    expect(eventCategories([{ ...base, activityTypeColor: null }], options)).toEqual([
      { displayName: 'Lecture', color: 'none' },
    ]);
    expect(eventCategories([base])).toEqual([]);
  });

  it('keeps commas and semicolons out of category names (Outlook splits on them)', () => {
    const odd = { ...base, activityType: 'Lab; group work, part 2' };
    expect(mapEvent(odd, options).payload.categories).toEqual(['Lab group work part 2']);
  });
});

describe('subject, location and body templates', () => {
  const templated: MappingOptions = {
    reminderMinutes: 15,
    subject: '[{activityType}: ]{title}[ ({courseCode})]',
    location: '{locations} [— {groups}]',
    body: '<p>Teacher: {staff}</p>[<p>Online: {onlineMeetingUrl}</p>]<p>{notes}</p>',
  };

  it('renders them into the Graph event, the body escaped and with the managed footer', () => {
    const desired = mapEvent({ ...base, notes: '<b>bold?</b>' }, templated);
    expect(desired.payload.subject).toBe('Lecture: Introduction to Programming (INFO101)');
    expect(desired.payload.location).toEqual({
      displayName: 'Hall A — INFO-1A',
      locationType: 'default',
      locationUri: 'https://rooms.uni.example/a',
    });
    const body = desired.payload.body?.content ?? '';
    expect(body).toMatch(/^<div><p>Teacher: Dr\. A\. Turing<\/p><p>&lt;b&gt;bold\?&lt;\/b&gt;<\/p><hr>/);
    expect(body).toContain('managed by your timetable');
    expect(body).not.toContain('Online:');
  });

  it('never writes an empty or over-long subject', () => {
    expect(mapEvent({ ...base, title: '', activityType: null, courseCode: null }, templated).payload.subject).toBe(
      'Timetable event',
    );
    expect(mapEvent({ ...base, title: 'x'.repeat(400) }, templated).payload.subject).toHaveLength(255);
  });

  it('says the course code once when it is also the title (sources without titles fall back to it)', () => {
    expect(mapEvent({ ...base, title: 'INFO101' }).payload.subject).toBe('INFO101 Lecture');
  });

  it('re-syncs every event whose look changed as an update: no creates, no deletes', () => {
    const events = [base, exam, misc];
    const window = syncWindow(new Date('2026-12-01T12:00:00Z'), 14, 180);
    const before = desiredEvents(events, options);
    const state: EventState[] = before.map((desired, i) => ({
      sourceKey: desired.sourceKey,
      graphId: `AAMk-${i}`,
      contentHash: desired.contentHash,
      changeKey: `ck-${i}`,
      startUtc: desired.startUtc,
      endUtc: desired.endUtc,
      userDeletedHash: null,
      lastSyncedAt: '2026-12-01T00:00:00.000Z',
    }));
    const policy = { onUserDelete: 'respect' as const, maxDeleteShare: 0.5 };
    const unchanged = plan({ desired: before, state, window, policy, sourceTrusted: true });
    expect(unchanged.actions).toEqual([]);

    // A new subject template changes every event; a new category for exams changes only those.
    const subjectChanged = plan({
      desired: desiredEvents(events, { ...options, subject: '{courseCode} — {title}' }),
      state,
      window,
      policy,
      sourceTrusted: true,
    });
    expect(subjectChanged.actions.map((a) => a.kind)).toEqual(['update', 'update', 'update']);
    expect(subjectChanged.counts).toMatchObject({ create: 0, delete: 0, update: 3 });

    const examCategory = {
      ...options,
      activityTypes: { ...options.activityTypes, Exam: { ...options.activityTypes?.Exam, category: 'Tentamen' } },
    };
    const categoryChanged = plan({
      desired: desiredEvents(events, examCategory),
      state,
      window,
      policy,
      sourceTrusted: true,
    });
    expect(categoryChanged.actions.map((a) => [a.kind, a.sourceKey])).toEqual([['update', 'k-exam']]);
  });
});

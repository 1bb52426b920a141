import { describe, expect, it } from 'vitest';
import type { Config } from '../config/index.ts';
import type { TimetableEvent } from '../model/timetable-event.ts';
import { mappingUsesCategories, personEvents, personMapping } from './person-mapping.ts';

function config(personSettings: Partial<Config['web']['personSettings']>, mapping: Partial<Config['mapping']> = {}) {
  return {
    mapping: { reminderMinutes: 15, ...mapping },
    web: {
      personSettings: { reminderMinutes: [0, 15, 30], activityTypes: true, categories: false, ...personSettings },
    },
  } as unknown as Config;
}

const event = (id: string, activityType: string | null) => ({ id, activityType }) as unknown as TimetableEvent;

describe('personMapping', () => {
  it('keeps the institution’s mapping object when the person chose nothing', () => {
    const c = config({});
    expect(personMapping(c, {})).toBe(c.mapping);
    expect(personMapping(c, undefined)).toBe(c.mapping);
  });

  it('applies an offered reminder everywhere, and ignores one no longer offered', () => {
    const c = config({}, { activityTypes: { Exam: { reminderMinutes: 60 }, Lecture: { showAs: 'free' } } });
    const mapped = personMapping(c, { reminderMinutes: 30 });
    expect(mapped.reminderMinutes).toBe(30);
    expect(mapped.activityTypes).toEqual({ Exam: { reminderMinutes: 30 }, Lecture: { showAs: 'free' } });
    expect(personMapping(c, { reminderMinutes: 45 })).toBe(c.mapping);
    expect(personMapping(config({ reminderMinutes: [] }), { reminderMinutes: 30 }).reminderMinutes).toBe(15);
  });

  it('turns categories off or on only when the institution lets people choose', () => {
    const withCategories = config({ categories: true }, { category: '{activityType}' });
    expect(mappingUsesCategories(personMapping(withCategories, { categories: false }))).toBe(false);
    expect(personMapping(config({ categories: true }), { categories: true }).category).toBe('{activityType}');
    const locked = config({ categories: false }, { category: '{activityType}' });
    expect(personMapping(locked, { categories: false })).toBe(locked.mapping);
  });
});

describe('personEvents', () => {
  const events = [event('a', 'Lecture'), event('b', 'Exam'), event('c', null)];

  it('keeps only the chosen activity types (and events without one)', () => {
    expect(personEvents(config({}), { activityTypes: ['lecture'] }, events).map((e) => e.id)).toEqual(['a', 'c']);
    expect(personEvents(config({}), {}, events)).toBe(events);
  });

  it('ignores the choice when the institution does not offer it', () => {
    expect(personEvents(config({ activityTypes: false }), { activityTypes: ['Exam'] }, events)).toBe(events);
  });
});

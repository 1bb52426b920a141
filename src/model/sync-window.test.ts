import { describe, expect, it } from 'vitest';
import { eventInstants } from './event-instants.ts';
import { overlapsWindow, syncWindow } from './sync-window.ts';

describe('sync window', () => {
  const window = syncWindow(new Date('2026-12-01T12:00:00Z'), 14, 180);

  it('spans pastDays before and futureDays after now', () => {
    expect(window).toEqual({ startUtc: '2026-11-17T12:00:00.000Z', endUtc: '2027-05-30T12:00:00.000Z' });
  });

  it('takes events that overlap it, not ones that ended before or start after it', () => {
    const span = (startUtc: string, endUtc: string) => overlapsWindow({ startUtc, endUtc }, window);
    expect(span('2026-11-17T11:00:00Z', '2026-11-17T13:00:00Z')).toBe(true);
    expect(span('2026-11-17T11:00:00Z', '2026-11-17T12:00:00Z')).toBe(false);
    expect(span('2027-05-30T12:00:00Z', '2027-05-30T13:00:00Z')).toBe(false);
    expect(span('2026-12-05T09:00:00Z', '2026-12-05T09:00:00Z')).toBe(true);
  });
});

describe('eventInstants', () => {
  it('reads local times in the zone, across daylight saving time', () => {
    expect(
      eventInstants({
        allDay: false,
        start: '2026-07-01T09:00:00',
        end: '2026-12-01T09:00:00',
        timeZone: 'Europe/Amsterdam',
      }),
    ).toEqual({
      startUtc: '2026-07-01T07:00:00.000Z',
      endUtc: '2026-12-01T08:00:00.000Z',
    });
  });

  it('bounds all-day events by midnights in their zone', () => {
    expect(
      eventInstants({ allDay: true, startDate: '2026-12-25', endDate: '2026-12-26', timeZone: 'America/New_York' }),
    ).toEqual({
      startUtc: '2026-12-25T05:00:00.000Z',
      endUtc: '2026-12-26T05:00:00.000Z',
    });
  });
});

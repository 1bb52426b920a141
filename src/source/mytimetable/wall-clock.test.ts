import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { wallClock } from './wall-clock.ts';

describe('wallClock', () => {
  it('gives the wall-clock time in the zone, across both DST changes', () => {
    expect(wallClock(Date.parse('2026-12-01T08:00:00Z'), 'Europe/Amsterdam')).toBe('2026-12-01T09:00:00');
    expect(wallClock(Date.parse('2027-07-01T07:00:00Z'), 'Europe/Amsterdam')).toBe('2027-07-01T09:00:00');
    // The spring change: 01:00 UTC is 03:00 CEST (02:00-03:00 does not exist).
    expect(wallClock(Date.parse('2027-03-28T00:59:59Z'), 'Europe/Amsterdam')).toBe('2027-03-28T01:59:59');
    expect(wallClock(Date.parse('2027-03-28T01:00:00Z'), 'Europe/Amsterdam')).toBe('2027-03-28T03:00:00');
    expect(wallClock(Date.parse('2026-10-25T09:30:00.750Z'), 'Europe/London')).toBe('2026-10-25T09:30:00');
  });

  it('refuses the one of two instants sharing a wall-clock time that it would not name (winter time)', () => {
    // 02:30 in Amsterdam happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET) on 25 October 2026; read back
    // (by luxon, as the rest of the engine reads it), 02:30 names the second.
    expect(wallClock(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Amsterdam')).toBeNull();
    expect(wallClock(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25T02:30:00');
    expect(wallClock(Date.parse('2026-10-25T02:30:00Z'), 'Europe/Amsterdam')).toBe('2026-10-25T03:30:00');
  });

  it('agrees with luxon every 17 minutes of two years in zones with odd offsets and changes', () => {
    const zones = ['Europe/Amsterdam', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    const from = Date.parse('2026-01-01T00:00:00Z');
    const to = Date.parse('2028-01-01T00:00:00Z');
    for (const zone of zones) {
      for (let ms = from; ms < to; ms += 17 * 60_000) {
        const expected = DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
        const got = wallClock(ms, zone);
        if (got === null) {
          // Only where the time is really repeated.
          expect(DateTime.fromISO(expected, { zone }).toMillis(), `${zone} ${new Date(ms).toISOString()}`).not.toBe(ms);
        } else if (got !== expected) {
          expect(got, `${zone} ${new Date(ms).toISOString()}`).toBe(expected);
        }
      }
    }
  });
});

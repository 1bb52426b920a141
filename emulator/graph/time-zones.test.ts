import { describe, expect, it } from 'vitest';
import { GraphError } from './graph-error.ts';
import {
  findTimeZone,
  formatGraphDateTime,
  parseWallClock,
  requireTimeZone,
  utcToWallMs,
  wallClockToUtc,
} from './time-zones.ts';

function toUtc(dateTime: string, zone: string): string {
  const wall = parseWallClock(dateTime);
  if (!wall) throw new Error(`bad ${dateTime}`);
  return new Date(wallClockToUtc(wall, requireTimeZone(zone))).toISOString();
}

function inZone(isoUtc: string, zone: string): string {
  return formatGraphDateTime(utcToWallMs(Date.parse(isoUtc), requireTimeZone(zone)));
}

describe('time zones', () => {
  it('converts Amsterdam wall clock to UTC on both sides of the DST change', () => {
    expect(toUtc('2026-03-28T12:00:00', 'Europe/Amsterdam')).toBe('2026-03-28T11:00:00.000Z');
    expect(toUtc('2026-03-30T12:00:00', 'Europe/Amsterdam')).toBe('2026-03-30T10:00:00.000Z');
    expect(toUtc('2026-07-01T09:30:00', 'Europe/Amsterdam')).toBe('2026-07-01T07:30:00.000Z');
  });

  it('accepts Windows zone names, case-insensitively, as the same zone', () => {
    expect(toUtc('2026-07-01T09:30:00', 'W. Europe Standard Time')).toBe('2026-07-01T07:30:00.000Z');
    expect(toUtc('2026-12-01T09:00:00', 'w. europe standard time')).toBe('2026-12-01T08:00:00.000Z');
    expect(toUtc('2026-12-01T09:00:00', 'Pacific Standard Time')).toBe('2026-12-01T17:00:00.000Z');
  });

  it('moves a wall-clock time skipped by the spring change forward, as Outlook does', () => {
    expect(toUtc('2026-03-29T02:30:00', 'Europe/Amsterdam')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('shows a UTC instant in a preferred zone, DST included', () => {
    expect(inZone('2026-12-01T08:00:00Z', 'Europe/Amsterdam')).toBe('2026-12-01T09:00:00.0000000');
    expect(inZone('2026-07-01T08:00:00Z', 'W. Europe Standard Time')).toBe('2026-07-01T10:00:00.0000000');
    expect(inZone('2026-07-01T08:00:00Z', 'UTC')).toBe('2026-07-01T08:00:00.0000000');
  });

  it('reads the date-time forms Graph accepts', () => {
    expect(parseWallClock('2026-12-01T09:00:00.0000000')?.wallMs).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseWallClock('2026-12-01')?.wallMs).toBe(Date.UTC(2026, 11, 1));
    expect(parseWallClock('2026-12-01T09:00')?.wallMs).toBe(Date.UTC(2026, 11, 1, 9));
    expect(parseWallClock('2026-12-01T09:00:00+01:00')?.instantMs).toBe(Date.UTC(2026, 11, 1, 8));
    expect(parseWallClock('2026-02-30T09:00:00')).toBeUndefined();
    expect(parseWallClock('tomorrow')).toBeUndefined();
  });

  it('refuses names Graph does not know with TimeZoneNotSupportedException', () => {
    expect(findTimeZone('Mars/Olympus_Mons')).toBeUndefined();
    expect(findTimeZone('+01:00')).toBeUndefined();
    expect(() => requireTimeZone('Mars/Olympus_Mons')).toThrow(GraphError);
    try {
      requireTimeZone('Mars/Olympus_Mons');
    } catch (error) {
      expect(error).toMatchObject({
        status: 400,
        code: 'TimeZoneNotSupportedException',
        message:
          "A valid TimeZone value must be specified. The following TimeZone value is not supported: 'Mars/Olympus_Mons'.",
      });
    }
  });

  it('keeps the name as written, for echoing back', () => {
    expect(requireTimeZone('W. Europe Standard Time').name).toBe('W. Europe Standard Time');
    expect(requireTimeZone('UTC').zone).toBeUndefined();
  });
});

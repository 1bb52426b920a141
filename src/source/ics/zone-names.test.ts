import { describe, expect, it } from 'vitest';
import { ianaZoneFor } from './zone-names.ts';

describe('ianaZoneFor', () => {
  it.each([
    ['Europe/Amsterdam', 'Europe/Amsterdam'],
    ['"Europe/London"', 'Europe/London'],
    ['/freeassociation.sourceforge.net/Tzfile/Europe/London', 'Europe/London'],
    ['/mozilla.org/20050126_1/America/New_York', 'America/New_York'],
    ['GMT Standard Time', 'Europe/London'],
    ['Romance Standard Time', 'Europe/Paris'],
    ['(UTC+01:00) Brussels, Copenhagen, Madrid, Paris', 'Europe/Paris'],
    ['(GMT) Greenwich Mean Time : Dublin, Edinburgh, Lisbon, London', 'Europe/London'],
    ['(UTC) Coordinated Universal Time', 'UTC'],
    ['Etc/UTC', 'UTC'],
    ['Z', null],
    ['Customized Time Zone', null],
  ])('%s → %s', (tzid, zone) => {
    expect(ianaZoneFor(tzid, 'Europe/Amsterdam')).toBe(zone);
  });

  it("prefers the institution's own zone among those a Windows zone covers", () => {
    expect(ianaZoneFor('W. Europe Standard Time', 'Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(ianaZoneFor('(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna', 'Europe/Vienna')).toBe(
      'Europe/Vienna',
    );
    expect(ianaZoneFor('W. Europe Standard Time', 'Europe/London')).toBe('Europe/Berlin');
  });
});

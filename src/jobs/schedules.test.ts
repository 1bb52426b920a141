import { describe, expect, it } from 'vitest';
import { everyMinutes } from './schedules.ts';

describe('schedule recurrences', () => {
  it('counts every interval from one fixed start, so every process computes the same times', () => {
    expect(everyMinutes(60)).toBe('DTSTART:20000101T000000Z\nRRULE:FREQ=MINUTELY;INTERVAL=60');
    // sync.reconcileIntervalHours may be a fraction: 1.5 h is every 90 minutes; never less than a minute.
    expect(everyMinutes(1.5 * 60)).toMatch(/INTERVAL=90$/);
    expect(everyMinutes(0.2)).toMatch(/INTERVAL=1$/);
  });
});

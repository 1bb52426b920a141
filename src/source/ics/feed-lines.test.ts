import { describe, expect, it } from 'vitest';
import { FeedSyntaxError, scanFeed } from './feed-lines.ts';

function syntaxError(text: string): FeedSyntaxError {
  try {
    scanFeed(text);
  } catch (error) {
    if (error instanceof FeedSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a FeedSyntaxError');
}

describe('scanFeed', () => {
  it('unfolds lines folded with a space or a tab and remembers where each event and property starts', () => {
    const scanned = scanFeed(
      [
        'BEGIN:VCALENDAR',
        '',
        'BEGIN:VEVENT',
        'SUMMARY:Hel',
        ' lo',
        '\tworld',
        'DTSTART:20261201T090000Z',
        'END:VEVENT',
        'END:VCALENDAR',
      ].join('\r\n'),
    );
    expect(scanned.text.split('\r\n')).toContain('SUMMARY:Helloworld');
    expect(scanned.events).toEqual([
      {
        line: 3,
        propertyLines: new Map([
          ['SUMMARY', 4],
          ['DTSTART', 7],
        ]),
      },
    ]);
    expect(scanned.lineOf('DTSTART:20261201T090000Z')).toBe(7);
  });

  it('names the line of what is wrong', () => {
    expect(syntaxError('BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VCALENDAR\n')).toMatchObject({
      line: 3,
      message: 'END:VCALENDAR does not close BEGIN:VEVENT from line 2',
    });
    expect(syntaxError('BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n')).toMatchObject({
      line: 2,
      message: 'BEGIN:VEVENT is never closed (the feed may be cut off)',
    });
    expect(syntaxError('BEGIN:VCALENDAR\nBEGIN:VEVENT\njust some text\nEND:VEVENT\nEND:VCALENDAR').line).toBe(3);
    expect(syntaxError('<!DOCTYPE html>\n<html>').message).toBe('this is an HTML page, not an iCalendar feed');
    expect(syntaxError('BEGIN:VEVENT\nEND:VEVENT').message).toMatch(/starts with BEGIN:VCALENDAR/);
    expect(syntaxError('\n \n').message).toMatch(/empty/);
  });
});

// Parses a feed with ical.js after the line scan: every VEVENT with the lines it came from. A syntax error names
// its line: ical.js quotes the offending line in its message, and the scan knows where that line is.
import ICAL from 'ical.js';
import { FeedSyntaxError, type ScannedEvent, scanFeed } from './feed-lines.ts';

export interface ParsedEvent {
  readonly component: ICAL.Component;
  readonly scanned: ScannedEvent;
}

export interface ParsedFeed {
  readonly events: readonly ParsedEvent[];
}

/** Throws a FeedSyntaxError (with a line) for anything ical.js or the scan cannot read. */
export function parseFeed(raw: string): ParsedFeed {
  const scanned = scanFeed(raw);
  let jcal: unknown;
  try {
    jcal = ICAL.parse(scanned.text);
  } catch (error) {
    const message = (error as Error).message;
    // ical.js ends its messages with the line, in double or single quotes.
    const match = /\s*(?:"(.*)"|'(.*)')$/s.exec(message);
    const quoted = match?.[1] ?? match?.[2];
    const line = quoted === undefined ? null : scanned.lineOf(quoted);
    const what = match === null ? message : message.slice(0, match.index).replace(/ in$/, '');
    throw new FeedSyntaxError(line ?? 0, what.replace(/^invalid line /, ''));
  }
  // Several VCALENDARs one after the other (feeds glued together) come back as a list.
  const roots = (isCalendarList(jcal) ? jcal : [jcal]).map((root) => new ICAL.Component(root as unknown[]));
  const components = roots.flatMap((root) => root.getAllSubcomponents('vevent'));
  if (components.length !== scanned.events.length) {
    throw new FeedSyntaxError(0, `found ${scanned.events.length} events but ical.js read ${components.length}`);
  }
  return {
    events: components.map((component, index) => ({ component, scanned: scanned.events[index] as ScannedEvent })),
  };
}

function isCalendarList(jcal: unknown): jcal is unknown[][] {
  return Array.isArray(jcal) && Array.isArray(jcal[0]);
}

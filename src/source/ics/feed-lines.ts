// The first pass over a feed: unfold its lines (a line starting with a space or tab continues the previous one),
// drop blank lines and a byte-order mark, and check that components open and close in order, remembering where
// each event and each of its properties starts. ical.js knows no line numbers; this pass is what lets an error
// say "line 42".

export interface ScannedEvent {
  /** Line of its BEGIN:VEVENT. */
  readonly line: number;
  /** Line of the first occurrence of each property, by upper-case name (DTSTART, RRULE, …). */
  readonly propertyLines: ReadonlyMap<string, number>;
}

export interface ScannedFeed {
  /** The content lines, unfolded, one per line: what ical.js parses. */
  readonly text: string;
  /** Each VEVENT directly inside a VCALENDAR, in file order (the order ical.js lists them). */
  readonly events: readonly ScannedEvent[];
  /** The line an unfolded content line (or its end) starts on, for ical.js errors that quote the line. */
  lineOf(contentLine: string): number | null;
}

export class FeedSyntaxError extends Error {
  override readonly name = 'FeedSyntaxError';
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

const contentLinePattern = /^[A-Za-z0-9-]+[;:]/;

/** Throws a FeedSyntaxError naming the line when the feed is not iCalendar or its components do not nest. */
export function scanFeed(raw: string): ScannedFeed {
  const lines: string[] = [];
  const lineNumbers: number[] = [];
  const physical = raw.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  for (let index = 0; index < physical.length; index++) {
    const text = physical[index] as string;
    const first = text.charCodeAt(0);
    if ((first === 32 || first === 9) && lines.length > 0) {
      lines[lines.length - 1] += text.slice(1);
    } else if (text.trim() !== '') {
      // Stray indentation before the very first line cannot be a continuation.
      lines.push(lines.length === 0 ? text.trimStart() : text);
      lineNumbers.push(index + 1);
    }
  }
  const stack: { name: string; line: number }[] = [];
  const events: ScannedEvent[] = [];
  let properties: Map<string, number> | null = null;
  for (let index = 0; index < lines.length; index++) {
    const text = (lines[index] as string).trimEnd();
    lines[index] = text;
    const line = lineNumbers[index] as number;
    if (!contentLinePattern.test(text)) {
      if (index === 0 && text.trimStart().startsWith('<')) {
        throw new FeedSyntaxError(line, 'this is an HTML page, not an iCalendar feed');
      }
      throw new FeedSyntaxError(line, `not an iCalendar line (expected NAME:value): ${quote(text)}`);
    }
    const nameEnd = text.search(/[;:]/);
    const name = text.slice(0, nameEnd).toUpperCase();
    if (name === 'BEGIN' || name === 'END') {
      const component = text
        .slice(nameEnd + 1)
        .trim()
        .toUpperCase();
      if (name === 'BEGIN') {
        if (stack.length === 0 && component !== 'VCALENDAR') {
          throw new FeedSyntaxError(line, `an iCalendar feed starts with BEGIN:VCALENDAR (got ${quote(text)})`);
        }
        if (component === 'VEVENT' && stack.length === 1) {
          properties = new Map();
          events.push({ line, propertyLines: properties });
        }
        stack.push({ name: component, line });
      } else {
        const open = stack.pop();
        if (open === undefined) throw new FeedSyntaxError(line, `${text} closes nothing`);
        if (open.name !== component) {
          throw new FeedSyntaxError(line, `${text} does not close BEGIN:${open.name} from line ${open.line}`);
        }
        if (component === 'VEVENT' && stack.length === 1) properties = null;
      }
    } else if (stack.length === 0) {
      throw new FeedSyntaxError(line, `a line outside BEGIN:VCALENDAR … END:VCALENDAR: ${quote(text)}`);
    } else if (properties !== null && stack.length === 2 && !properties.has(name)) {
      properties.set(name, line);
    }
  }
  const unclosed = stack.pop();
  if (unclosed !== undefined) {
    throw new FeedSyntaxError(unclosed.line, `BEGIN:${unclosed.name} is never closed (the feed may be cut off)`);
  }
  if (lines.length === 0) throw new FeedSyntaxError(1, 'the feed is empty (not even BEGIN:VCALENDAR)');
  let lineIndex: Map<string, number> | null = null;
  return {
    text: lines.join('\r\n'),
    events,
    lineOf(contentLine) {
      if (lineIndex === null) {
        lineIndex = new Map();
        for (let index = lines.length - 1; index >= 0; index--)
          lineIndex.set(lines[index] as string, lineNumbers[index] as number);
      }
      const exact = lineIndex.get(contentLine);
      if (exact !== undefined) return exact;
      // Some ical.js messages quote only the part of the line after the property name.
      const index = contentLine === '' ? -1 : lines.findIndex((line) => line.endsWith(contentLine));
      return index < 0 ? null : (lineNumbers[index] as number);
    },
  };
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}

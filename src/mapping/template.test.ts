import { describe, expect, it } from 'vitest';
import type { TimetableEvent } from '../model/timetable-event.ts';
import { parseTemplate, renderTemplate } from './template.ts';
import { htmlFields, oneLine, textFields } from './template-fields.ts';

const lecture: TimetableEvent = {
  id: 'k1',
  when: { allDay: false, start: '2026-12-01T09:00:00', end: '2026-12-01T10:45:00', timeZone: 'Europe/Amsterdam' },
  title: 'Introduction to Programming',
  courseCode: 'INFO101',
  activityType: 'Lecture',
  activityTypeColor: null,
  locations: [
    { name: 'Hall A', url: 'https://rooms.uni.example/a' },
    { name: 'Room <2>', url: 'javascript:alert(1)' },
  ],
  staff: ['Dr. A. Turing', 'Prof. G. Hopper'],
  groups: ['INFO-1A'],
  notes: 'Bring a laptop\n<script>alert(1)</script>',
  onlineMeetingUrl: 'https://meet.uni.example/?a=1&b=2',
  status: 'confirmed',
};

function text(source: string, event: TimetableEvent = lecture): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return oneLine(renderTemplate(parsed.template, textFields(event)));
}

function html(source: string, event: TimetableEvent = lecture): string {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return renderTemplate(parsed.template, htmlFields(event));
}

function problem(source: string): string {
  const parsed = parseTemplate(source);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(source)} to be refused`);
  return parsed.message;
}

describe('templates', () => {
  it('places fields, joins lists, and keeps literal text', () => {
    expect(text('{courseCode} {activityType}: {title}')).toBe('INFO101 Lecture: Introduction to Programming');
    expect(text('{staff}')).toBe('Dr. A. Turing, Prof. G. Hopper');
    expect(text('{staff| & }')).toBe('Dr. A. Turing & Prof. G. Hopper');
    expect(text('{locations|; }')).toBe('Hall A; Room <2>');
    expect(text('{{{courseCode}}} [[{groups}]]')).toBe('{INFO101} [INFO-1A]');
  });

  it('drops an optional section when a placeholder in it has no value, and keeps it otherwise', () => {
    const template = '[{courseCode} ]{title}[ ({groups})][ — {notes}]';
    const bare = { ...lecture, courseCode: null, groups: [], notes: null };
    expect(text(template, bare)).toBe('Introduction to Programming');
    expect(text(template, { ...bare, courseCode: 'X1', groups: ['G'] })).toBe('X1 Introduction to Programming (G)');
    // Nested sections decide on their own.
    expect(text('[{courseCode}[ / {activityType}]: ]{title}', { ...lecture, activityType: null })).toBe(
      'INFO101: Introduction to Programming',
    );
  });

  it('makes one line of subjects and locations (line breaks in notes included)', () => {
    expect(text('  {title}   \n {notes} ')).toBe(
      'Introduction to Programming Bring a laptop <script>alert(1)</script>',
    );
  });

  it('escapes every value in a body, links only http(s) URLs, and keeps line breaks of notes', () => {
    const body = html('<p>{locations}</p><p>{onlineMeetingUrl}</p><p>{notes}</p><p>{staff|<br>}</p>');
    expect(body).toBe(
      '<p><a href="https://rooms.uni.example/a">Hall A</a>, Room &lt;2&gt;</p>' +
        '<p><a href="https://meet.uni.example/?a=1&amp;b=2">https://meet.uni.example/?a=1&amp;b=2</a></p>' +
        '<p>Bring a laptop<br>&lt;script&gt;alert(1)&lt;/script&gt;</p>' +
        '<p>Dr. A. Turing&lt;br&gt;Prof. G. Hopper</p>',
    );
    expect(html('<b>{title}</b>', { ...lecture, title: '<img src=x onerror=alert(1)>' })).toBe(
      '<b>&lt;img src=x onerror=alert(1)&gt;</b>',
    );
  });

  it('refuses what it cannot read, saying where and what was meant', () => {
    expect(problem('{cours} {title}')).toBe('unknown field {cours} (did you mean {courseCode}?)');
    expect(problem('{Title}')).toBe('unknown field {Title} (did you mean {title}?)');
    expect(problem('{room}')).toContain('known fields: title, courseCode');
    expect(problem('{}')).toContain('empty placeholder {}');
    expect(problem('{title')).toBe('"{" at position 1 is never closed (write {{ for a literal brace)');
    expect(problem('[{title}')).toBe('"[" at position 1 is never closed (write [[ for a literal bracket)');
    expect(problem('a]')).toBe('"]" at position 2 closes no section (write ]] for a literal bracket)');
    expect(problem('a}')).toBe('"}" at position 2 closes no placeholder (write }} for a literal brace)');
  });

  it('never evaluates anything: what looks like code is text', () => {
    expect(text('{{title.constructor}} $[[process]]')).toBe('{title.constructor} $[process]');
    expect(problem(['$', '{process.exit()}'].join(''))).toContain('unknown field {process.exit()}');
    expect(problem('{title.constructor}')).toContain('unknown field {title.constructor}');
  });
});

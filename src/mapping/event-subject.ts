// The subject people read in their calendar: `INFO101 Lecture: Introduction to Programming`, with whatever parts
// the timetable has (the default when the institution sets no subject template).
import type { TimetableEvent } from '../model/timetable-event.ts';

/** Graph rejects subjects over 255 characters. */
const maxLength = 255;

export function eventSubject(event: Pick<TimetableEvent, 'courseCode' | 'activityType' | 'title'>): string {
  const prefix = [event.courseCode, event.activityType].filter((part) => part !== null && part.trim() !== '').join(' ');
  let title = event.title.trim();
  // Sources whose events have no title of their own fall back to the course code: say it once.
  if (event.courseCode !== null && title.toLowerCase() === event.courseCode.trim().toLowerCase()) title = '';
  return fitSubject(prefix === '' ? title : title === '' ? prefix : `${prefix}: ${title}`);
}

/** A subject Graph takes: never empty, at most 255 characters. */
export function fitSubject(subject: string): string {
  if (subject === '') return 'Timetable event';
  return subject.length > maxLength ? `${subject.slice(0, maxLength - 1)}…` : subject;
}

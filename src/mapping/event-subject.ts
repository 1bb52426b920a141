// The subject people read in their calendar: `INFO101 Lecture: Introduction to Programming`, with whatever parts
// the timetable has.
import type { TimetableEvent } from '../model/timetable-event.ts';

/** Graph rejects subjects over 255 characters. */
const maxLength = 255;

export function eventSubject(event: Pick<TimetableEvent, 'courseCode' | 'activityType' | 'title'>): string {
  const prefix = [event.courseCode, event.activityType].filter((part) => part !== null && part.trim() !== '').join(' ');
  const title = event.title.trim();
  const subject = prefix === '' ? title || 'Timetable event' : title === '' ? prefix : `${prefix}: ${title}`;
  return subject.length > maxLength ? `${subject.slice(0, maxLength - 1)}…` : subject;
}

// A sample timetable of a small faculty (students, staff, courses with lectures, tutorials and labs over a term),
// in the JSON source's format. Deterministic for a given start date, so demo runs repeat.
import { DateTime } from 'luxon';

export interface SampleTimetableOptions {
  readonly students?: number;
  readonly domain?: string;
  /** The term starts on the Monday of this date's week, two weeks back, and lasts `weeks` weeks. */
  readonly today?: Date;
  readonly weeks?: number;
  readonly timeZone?: string;
}

export interface SampleEvent {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
  readonly allDay: boolean;
  readonly title: string;
  readonly courseCode: string;
  readonly activityType: string;
  readonly locations: string[];
  readonly staff: string[];
  readonly groups: string[];
  readonly notes?: string;
  readonly onlineMeetingUrl?: string;
  readonly status: 'confirmed';
}

export interface SamplePerson {
  readonly id: string;
  readonly mailbox: string;
  readonly displayName: string;
  readonly events: SampleEvent[];
}

export interface SampleTimetable {
  readonly timeZone: string;
  readonly people: SamplePerson[];
}

interface Course {
  readonly code: string;
  readonly title: string;
  readonly lecturer: string;
  readonly lectureSlots: readonly [weekday: number, hour: number][];
  readonly tutorialSlot: readonly [weekday: number, hour: number];
  readonly hasLab: boolean;
}

const courses: readonly Course[] = [
  {
    code: 'INFO101',
    title: 'Introduction to Programming',
    lecturer: 'Dr. A. Turing',
    lectureSlots: [
      [1, 9],
      [3, 9],
    ],
    tutorialSlot: [2, 13],
    hasLab: true,
  },
  {
    code: 'INFO102',
    title: 'Discrete Mathematics',
    lecturer: 'Prof. E. Noether',
    lectureSlots: [
      [1, 11],
      [4, 11],
    ],
    tutorialSlot: [3, 13],
    hasLab: false,
  },
  {
    code: 'INFO103',
    title: 'Computer Architecture',
    lecturer: 'Dr. G. Hopper',
    lectureSlots: [[2, 9]],
    tutorialSlot: [4, 15],
    hasLab: true,
  },
  {
    code: 'INFO104',
    title: 'Databases',
    lecturer: 'Dr. E. Codd',
    lectureSlots: [
      [2, 11],
      [5, 9],
    ],
    tutorialSlot: [1, 15],
    hasLab: true,
  },
  {
    code: 'INFO201',
    title: 'Algorithms and Data Structures',
    lecturer: 'Prof. D. Knuth',
    lectureSlots: [
      [1, 13],
      [4, 9],
    ],
    tutorialSlot: [5, 11],
    hasLab: false,
  },
  {
    code: 'INFO202',
    title: 'Operating Systems',
    lecturer: 'Dr. K. Thompson',
    lectureSlots: [[3, 11]],
    tutorialSlot: [2, 15],
    hasLab: true,
  },
  {
    code: 'INFO203',
    title: 'Software Engineering',
    lecturer: 'Dr. M. Hamilton',
    lectureSlots: [
      [4, 13],
      [5, 13],
    ],
    tutorialSlot: [3, 15],
    hasLab: false,
  },
  {
    code: 'INFO204',
    title: 'Computer Networks',
    lecturer: 'Dr. R. Perlman',
    lectureSlots: [[2, 13]],
    tutorialSlot: [1, 11],
    hasLab: true,
  },
];

const rooms = ['Lecture Hall A', 'Lecture Hall B', 'Room 2.14', 'Room 3.07', 'Lab 0.12', 'Lab 0.14'];

export function sampleTimetable(options: SampleTimetableOptions = {}): SampleTimetable {
  const studentCount = options.students ?? 200;
  const domain = options.domain ?? 'uni.example';
  const timeZone = options.timeZone ?? 'Europe/Amsterdam';
  const weeks = options.weeks ?? 14;
  const termStart = DateTime.fromJSDate(options.today ?? new Date(), { zone: timeZone })
    .startOf('week')
    .minus({ weeks: 2 });

  const staff = new Map<string, SamplePerson>();
  const people: SamplePerson[] = [];
  for (let n = 1; n <= studentCount; n++) {
    const id = `s${String(n).padStart(4, '0')}`;
    const year = n % 2 === 0 ? 1 : 2;
    const pool = courses.filter((c) => c.code.startsWith(`INFO${year}`));
    const group = `INFO-${year}${String.fromCharCode(65 + (n % 3))}`;
    const events: SampleEvent[] = [];
    for (const course of pool) {
      for (const event of courseEvents(course, group, termStart, weeks, timeZone)) {
        events.push(event);
        const lecturerId = staffId(course.lecturer);
        let lecturer = staff.get(lecturerId);
        if (!lecturer) {
          lecturer = { id: lecturerId, mailbox: `${lecturerId}@${domain}`, displayName: course.lecturer, events: [] };
          staff.set(lecturerId, lecturer);
        }
        if (!lecturer.events.some((e) => e.id === event.id)) lecturer.events.push(event);
      }
    }
    people.push({ id, mailbox: `${id}@${domain}`, displayName: `Student ${n}`, events });
  }
  return { timeZone, people: [...people, ...staff.values()] };
}

function courseEvents(
  course: Course,
  group: string,
  termStart: DateTime,
  weeks: number,
  timeZone: string,
): SampleEvent[] {
  const events: SampleEvent[] = [];
  for (let week = 0; week < weeks; week++) {
    course.lectureSlots.forEach(([weekday, hour], index) => {
      events.push(
        event(
          course,
          'Lecture',
          `LEC${index + 1}`,
          [course.code.slice(0, 5)],
          termStart,
          week,
          weekday,
          hour,
          105,
          timeZone,
          index,
        ),
      );
    });
    const [tutorialDay, tutorialHour] = course.tutorialSlot;
    events.push(
      event(course, 'Tutorial', `TUT-${group}`, [group], termStart, week, tutorialDay, tutorialHour, 90, timeZone, 2),
    );
    if (course.hasLab && week % 2 === 1) {
      events.push(
        event(
          course,
          'Practical',
          `LAB-${group}`,
          [group],
          termStart,
          week,
          tutorialDay,
          tutorialHour + 2,
          120,
          timeZone,
          4,
        ),
      );
    }
  }
  return events;
}

function event(
  course: Course,
  activityType: string,
  activity: string,
  groups: string[],
  termStart: DateTime,
  week: number,
  weekday: number,
  hour: number,
  minutes: number,
  timeZone: string,
  roomIndex: number,
): SampleEvent {
  const start = termStart.plus({ weeks: week, days: weekday - 1 }).set({ hour, minute: 0 });
  const end = start.plus({ minutes });
  const format = "yyyy-MM-dd'T'HH:mm";
  return {
    id: `${start.year}!${course.code}!${activity}-${start.toFormat('yyyyMMdd')}`,
    start: start.toFormat(format),
    end: end.toFormat(format),
    timeZone,
    allDay: false,
    title: course.title,
    courseCode: course.code,
    activityType,
    locations: [rooms[(roomIndex + course.code.length + week) % rooms.length] ?? 'Room 1.01'],
    staff: [course.lecturer],
    groups,
    ...(activityType === 'Practical' ? { notes: 'Bring a laptop' } : {}),
    ...(activityType === 'Lecture'
      ? { onlineMeetingUrl: `https://meet.uni.example/${course.code.toLowerCase()}` }
      : {}),
    status: 'confirmed',
  };
}

function staffId(name: string): string {
  return `staff-${name
    .toLowerCase()
    .replace(/^(dr|prof)\.\s*/, '')
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')}`;
}

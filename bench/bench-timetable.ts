// The benchmark's timetable: N people with M events each over the coming months (JSON source format, all inside the
// default sync window), and a copy of it with a given share of events changed (title or time), chosen by a seeded
// random generator so every run changes the same events.

export interface BenchEvent {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly title: string;
  readonly courseCode: string;
  readonly activityType: string;
  readonly locations: readonly string[];
  readonly staff: readonly string[];
  readonly groups: readonly string[];
  readonly notes?: string;
  readonly onlineMeetingUrl?: string;
  readonly status: 'confirmed';
}

export interface BenchTimetable {
  readonly timeZone: string;
  readonly people: readonly { id: string; mailbox: string; events: readonly BenchEvent[] }[];
}

const courses = [
  ['INFO101', 'Introduction to Programming', 'Dr. A. Turing'],
  ['INFO102', 'Discrete Mathematics', 'Prof. E. Noether'],
  ['INFO103', 'Computer Architecture', 'Dr. G. Hopper'],
  ['INFO104', 'Databases', 'Dr. E. Codd'],
  ['INFO201', 'Algorithms & Data Structures', 'Prof. D. Knuth'],
  ['INFO202', 'Operating Systems', 'Dr. K. Thompson'],
  ['INFO203', 'Software Engineering', 'Dr. M. Hamilton'],
  ['INFO204', 'Computer Networks', 'Dr. R. Perlman'],
] as const;
const activities = ['Lecture', 'Tutorial', 'Practical'] as const;
const rooms = ['Lecture Hall A', 'Lecture Hall B', 'Room 2.14', 'Room 3.07', 'Lab 0.12'];

export const benchDomain = 'uni.example';
export const personId = (n: number) => `p${String(n).padStart(4, '0')}`;
export const personMailbox = (n: number) => `${personId(n)}@${benchDomain}`;

/** Event i of everyone's timetable: about two a day from tomorrow on, never two at the same hour of one day. */
export function benchTimetable(people: number, eventsPerPerson: number, today = new Date()): BenchTimetable {
  const days = 170;
  const events = Array.from({ length: eventsPerPerson }, (_, i) => {
    const day = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() + 1));
    day.setUTCDate(day.getUTCDate() + Math.floor((i * days) / Math.max(eventsPerPerson, days)));
    const date = day.toISOString().slice(0, 10);
    const hour = 8 + 2 * (i % 5);
    const [courseCode, title, lecturer] = courses[i % courses.length] ?? courses[0];
    const activityType = activities[i % activities.length] ?? 'Lecture';
    const group = `INFO-${1 + (i % 2)}${'ABC'[i % 3]}`;
    return {
      id: `2026!${courseCode}!${activityType.slice(0, 3).toUpperCase()}-${date.replaceAll('-', '')}${hour}`,
      start: `${date}T${pad(hour)}:00`,
      end: `${date}T${pad(hour + 1)}:45`,
      title,
      courseCode,
      activityType,
      locations: [rooms[i % rooms.length] ?? 'Room 1.01'],
      staff: [lecturer],
      groups: [group],
      ...(activityType === 'Practical' ? { notes: 'Bring a laptop; <b>attendance</b> is recorded' } : {}),
      ...(activityType === 'Lecture' ? { onlineMeetingUrl: `https://meet.uni.example/${courseCode}` } : {}),
      status: 'confirmed' as const,
    };
  });
  return {
    timeZone: 'Europe/Amsterdam',
    people: Array.from({ length: people }, (_, n) => ({ id: personId(n), mailbox: personMailbox(n), events })),
  };
}

/**
 * The same timetable with `share` of all events changed: every other chosen event gets a new title, the rest move
 * an hour later. Returns the new timetable and how many events changed.
 */
export function changeEvents(timetable: BenchTimetable, share: number, seed = 1): [BenchTimetable, number] {
  const total = timetable.people.reduce((sum, person) => sum + person.events.length, 0);
  const count = Math.round(total * share);
  const random = mulberry32(seed);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, total)) chosen.add(Math.floor(random() * total));
  let offset = 0;
  let changed = 0;
  const people = timetable.people.map((person) => {
    const first = offset;
    offset += person.events.length;
    const events = person.events.map((event, i) => {
      if (!chosen.has(first + i)) return event;
      changed++;
      return changed % 2 === 0
        ? { ...event, title: `${event.title} (changed)` }
        : { ...event, ...laterByAnHour(event) };
    });
    return { ...person, events };
  });
  return [{ ...timetable, people }, changed];
}

function laterByAnHour(event: BenchEvent): Pick<BenchEvent, 'start' | 'end'> {
  const shift = (local: string) => `${local.slice(0, 11)}${pad(Number(local.slice(11, 13)) + 1)}${local.slice(13)}`;
  return { start: shift(event.start), end: shift(event.end) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A small seeded generator (mulberry32): the same changes on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

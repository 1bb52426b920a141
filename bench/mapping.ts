// Measures the MyTimetable read path without the network (not a test: `npx node bench/mapping.ts [--events N]`):
// how many events per second are checked and converted from MyTimetable's JSON to the canonical model, and then
// mapped to Graph events with the built-in defaults and with templates, categories and activity types.
import { parseArgs } from 'node:util';
import { desiredEvents } from '../src/mapping/map-event.ts';
import type { MappingOptions } from '../src/mapping/mapping-options.ts';
import type { TimetableEvent } from '../src/model/timetable-event.ts';
import { parseMyTimetableEvent } from '../src/source/mytimetable/mytimetable-event.ts';

const { values } = parseArgs({ options: { events: { type: 'string', default: '100000' } } });
const count = Number(values.events);

const types = [
  ['Lecture', '#1f77b4'],
  ['Tutorial', '#2ca02c'],
  ['Practical', '#ff7f0e'],
  ['Exam', '#d62728'],
] as const;

/**
 * Realistic MyTimetable events: 8 slots a day on 300 teaching days (a university's events share those 2,400 start
 * times, as many people follow the same courses), 30 courses, a few rooms and staff, notes on some.
 */
function rawEvents(n: number): unknown[] {
  const start = Date.parse('2026-09-01T07:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    const [type, color] = types[i % types.length] as (typeof types)[number];
    const startDate = start + (Math.floor(i / 8) % 300) * 86_400_000 + (i % 8) * 3_600_000;
    return {
      id: `2026!${String(i).padStart(6, '0')}-${new Date(startDate).toISOString().slice(0, 10).replaceAll('-', '')}`,
      startDate,
      endDate: startDate + 105 * 60_000,
      allDay: false,
      moduleCode: `INFO${100 + (i % 30)}`,
      activityDescription: `Course ${i % 30}: part ${i % 12}`,
      staffMembers: [{ id: `st${i % 40}`, name: `Dr. Staff ${i % 40}`, key: `st${i % 40}` }],
      locations: [
        {
          id: `l${i % 25}`,
          name: `Room ${i % 25}`,
          key: `l${i % 25}`,
          capacity: 60,
          url: `https://rooms.uni.example/${i % 25}`,
        },
      ],
      studentSets: [`INFO-${1 + (i % 4)}A`, { name: `INFO-${1 + (i % 4)}B` }],
      activityTypeName: type,
      activityTypeDescription: type,
      activityTypeColor: color,
      notes: i % 5 === 0 ? 'Bring a laptop <and> your notes' : null,
      notes2: null,
      notes3: null,
      highlighted: false,
      conferenceUrl: i % 7 === 0 ? `https://meet.uni.example/${i}` : null,
      tags: [],
      department: { key: 'INF', name: 'Informatics' },
    };
  });
}

/** Wall time and this process's CPU time: on a busy machine the CPU figure is the steadier one. */
function measure<T>(label: string, n: number, work: () => T): T {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const result = work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuUs = (used.user + used.system) / n;
  const perSecond = Math.round((n / ms) * 1000).toLocaleString('en');
  console.log(
    `${label}: ${perSecond} events/s wall, ${cpuUs.toFixed(1)} µs CPU per event (${n.toLocaleString('en')} events)`,
  );
  return result;
}

const raw = rawEvents(count);
// A warm-up, so the figures are of optimised code.
for (const item of raw.slice(0, 5_000)) parseMyTimetableEvent(item, '[0]', 'Europe/Amsterdam');

const events = measure('MyTimetable JSON → canonical (checked, local times in Europe/Amsterdam)', count, () => {
  const out: TimetableEvent[] = [];
  raw.forEach((item, index) => {
    const parsed = parseMyTimetableEvent(item, `[${index}]`, 'Europe/Amsterdam');
    if (parsed.ok) out.push(parsed.event);
  });
  return out;
});

const defaults: MappingOptions = { reminderMinutes: 15 };
const templated: MappingOptions = {
  reminderMinutes: 15,
  subject: '[{courseCode} ]{activityType}: {title}',
  location: '{locations|; }[ ({groups})]',
  body: '<p>{staff}</p>[<p>Online: {onlineMeetingUrl}</p>][<p>{notes}</p>]',
  category: '{activityType}',
  activityTypes: { Exam: { category: 'Exams', color: 'DarkRed', reminderMinutes: 1440, showAs: 'oof' } },
};
desiredEvents(events.slice(0, 5_000), defaults);
desiredEvents(events.slice(0, 5_000), templated);
measure('canonical → Graph event, built-in mapping', count, () => desiredEvents(events, defaults));
measure('canonical → Graph event, templates + categories + activity types', count, () =>
  desiredEvents(events, templated),
);

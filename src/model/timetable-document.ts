// The JSON timetable document `{timeZone, people: [{id, mailbox, events}]}` (the JSON file source's format and the
// push API's body). The outline (zone, people) is checked for the whole document; each person's events can be
// checked on their own, so one person's broken events fail only that person.
import { z } from 'zod';
import { isIanaZone } from './local-time.ts';
import type { Person } from './person.ts';
import type { Timetable } from './timetable.ts';
import { parseTimetableEvents } from './timetable-event-json.ts';
import type { TimetableProblem } from './timetable-problem.ts';
import { problemsFromZod } from './validation-problem.ts';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const address = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

const personJson = z.strictObject({
  id: z.string().min(1, 'must not be empty'),
  mailbox: z
    .string()
    .refine((text) => address.test(text) || guid.test(text), 'must be a user principal name or an Entra object id'),
  /** For people to read (status pages, the demo's sign-in list); not used to sync. */
  displayName: z.string().nullish(),
  // Checked per person by parseTimetableEvents.
  events: z.unknown(),
});

const documentJson = z.strictObject({
  timeZone: z.string().refine(isIanaZone, 'must be an IANA time zone like Europe/Amsterdam').nullish(),
  people: z.array(personJson),
});

export interface PersonEntry {
  readonly person: Person;
  /** The person's `events` value, not yet checked. */
  readonly rawEvents: unknown;
  /** Key path of the person, e.g. `people[3]`. */
  readonly path: string;
}

export interface TimetableOutline {
  readonly timeZone: string | null;
  readonly people: readonly PersonEntry[];
}

export type OutlineResult =
  | { readonly ok: true; readonly outline: TimetableOutline }
  | { readonly ok: false; readonly problems: readonly TimetableProblem[] };

/** Checks everything but the events: the zone, the people, unique person ids and unique mailboxes. */
export function parseTimetableOutline(raw: unknown): OutlineResult {
  const parsed = documentJson.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error).map((problem) => ({
      ...problem,
      personId: personIdAt(raw, problem.path),
      eventId: null,
    }));
    return { ok: false, problems };
  }
  const problems: TimetableProblem[] = [];
  const byId = new Map<string, number>();
  const byMailbox = new Map<string, number>();
  parsed.data.people.forEach((person, index) => {
    const sameId = byId.get(person.id);
    if (sameId !== undefined) {
      problems.push({
        path: `people[${index}].id`,
        message: `duplicate person id (also at people[${sameId}].id)`,
        personId: person.id,
        eventId: null,
      });
    }
    const mailbox = person.mailbox.toLowerCase();
    const sameMailbox = byMailbox.get(mailbox);
    if (sameMailbox !== undefined) {
      const message = `mailbox ${person.mailbox} is also people[${sameMailbox}]'s: two timetables cannot share one calendar`;
      problems.push({ path: `people[${index}].mailbox`, message, personId: person.id, eventId: null });
    }
    byId.set(person.id, index);
    byMailbox.set(mailbox, index);
  });
  if (problems.length > 0) return { ok: false, problems };
  const people = parsed.data.people.map((person, index) => ({
    person: { id: person.id, mailbox: person.mailbox },
    rawEvents: person.events,
    path: `people[${index}]`,
  }));
  return { ok: true, outline: { timeZone: parsed.data.timeZone ?? null, people } };
}

/** Checks one person's events against the document's zone. */
export function parsePersonEvents(entry: PersonEntry, outline: TimetableOutline) {
  return parseTimetableEvents(entry.rawEvents, {
    personId: entry.person.id,
    defaultTimeZone: outline.timeZone,
    path: `${entry.path}.events`,
  });
}

export type DocumentResult =
  | { readonly ok: true; readonly timeZone: string | null; readonly timetables: readonly Timetable[] }
  | { readonly ok: false; readonly problems: readonly TimetableProblem[] };

/** Checks the whole document at once (the push API): every problem of every person. */
export function parseTimetableDocument(raw: unknown): DocumentResult {
  const outline = parseTimetableOutline(raw);
  if (!outline.ok) return outline;
  const problems: TimetableProblem[] = [];
  const timetables: Timetable[] = [];
  for (const entry of outline.outline.people) {
    const events = parsePersonEvents(entry, outline.outline);
    if (events.ok) timetables.push({ person: entry.person, events: events.events });
    else problems.push(...events.problems);
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, timeZone: outline.outline.timeZone, timetables };
}

function personIdAt(raw: unknown, path: string): string | null {
  const index = /^people\[(\d+)\]/.exec(path)?.[1];
  if (index === undefined) return null;
  const id = (raw as { people?: { id?: unknown }[] }).people?.[Number(index)]?.id;
  return typeof id === 'string' ? id : null;
}

// Checks the push API's bodies: the outline with zod (unknown fields refused, list lengths bounded) and each
// person's events with the canonical event validation, every problem named by its field, e.g.
// `people/s1/events[3].end: must be after start`. What comes out is ready to store: each event carries its zone.
import { z } from 'zod';
import { isIanaZone } from '../../model/local-time.ts';
import { parseTimetableEvents } from '../../model/timetable-event-json.ts';
import { problemsFromZod, type ValidationProblem } from '../../model/validation-problem.ts';
import { ApiError } from './api-error.ts';

export const MAX_EVENTS_PER_PERSON = 10_000;
export const MAX_PEOPLE_PER_CHANGE = 1_000;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const address = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const zone = z.string().refine(isIanaZone, 'must be an IANA time zone like Europe/Amsterdam').nullish();
const personId = z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const events = z.array(z.unknown()).max(MAX_EVENTS_PER_PERSON, `must have at most ${MAX_EVENTS_PER_PERSON} events`);

const timetableBody = z.strictObject({
  id: personId,
  mailbox: z
    .string()
    .refine((text) => address.test(text) || guid.test(text), 'must be a user principal name or an Entra object id'),
  displayName: z.string().nullish(),
  timeZone: zone,
  events,
});

const changesBody = z.strictObject({
  timeZone: zone,
  changes: z
    .array(
      z.strictObject({
        personId,
        events: events.optional(),
        removedEventIds: z.array(z.string().min(1)).max(MAX_EVENTS_PER_PERSON).optional(),
      }),
    )
    .min(1, 'must name at least one person')
    .max(MAX_PEOPLE_PER_CHANGE, `must have at most ${MAX_PEOPLE_PER_CHANGE} people`),
});

export type StoredEvent = Readonly<Record<string, unknown>> & { readonly id: string };

export interface TimetablePush {
  readonly personId: string;
  readonly mailbox: string;
  readonly events: readonly StoredEvent[];
}

export interface PersonChange {
  readonly personId: string;
  readonly upserts: readonly StoredEvent[];
  readonly removedEventIds: readonly string[];
}

/** `PUT /api/v1/people/{id}/timetable`: the body's id must be the path's. */
export function parseTimetablePush(raw: unknown, pathId: string): TimetablePush {
  const parsed = timetableBody.safeParse(raw, { reportInput: true });
  const base = `people/${pathId}`;
  if (!parsed.success) {
    throw invalid(problemsFromZod(parsed.error).map((problem) => ({ ...problem, path: `${base}/${problem.path}` })));
  }
  if (parsed.data.id !== pathId) {
    throw invalid([
      { path: `${base}/id`, message: `must be the id in the address (${pathId}) (got ${parsed.data.id})` },
    ]);
  }
  const checked = checkEvents(parsed.data.events, pathId, parsed.data.timeZone ?? null);
  if (checked.problems.length > 0) throw invalid(checked.problems);
  return { personId: pathId, mailbox: parsed.data.mailbox, events: checked.events };
}

/** `POST /api/v1/events:changed`. */
export function parseEventChanges(raw: unknown): readonly PersonChange[] {
  const parsed = changesBody.safeParse(raw, { reportInput: true });
  if (!parsed.success) throw invalid(problemsFromZod(parsed.error));
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  const changes: PersonChange[] = [];
  parsed.data.changes.forEach((change, index) => {
    if (seen.has(change.personId)) {
      problems.push({ path: `changes[${index}].personId`, message: `${change.personId} is named twice` });
      return;
    }
    seen.add(change.personId);
    const checked = checkEvents(change.events ?? [], change.personId, parsed.data.timeZone ?? null);
    problems.push(...checked.problems);
    changes.push({
      personId: change.personId,
      upserts: checked.events,
      removedEventIds: change.removedEventIds ?? [],
    });
  });
  if (problems.length > 0) throw invalid(problems);
  return changes;
}

function checkEvents(
  raw: readonly unknown[],
  personId: string,
  timeZone: string | null,
): { events: StoredEvent[]; problems: readonly ValidationProblem[] } {
  const result = parseTimetableEvents(raw, { personId, defaultTimeZone: timeZone, path: `people/${personId}/events` });
  if (!result.ok) return { events: [], problems: result.problems };
  // Stored with its zone, so events merged from pushes with different document zones stay right.
  const events = raw.map((item) => {
    const event = item as StoredEvent & { timeZone?: string | null };
    return { ...event, timeZone: event.timeZone ?? timeZone };
  });
  return { events, problems: [] };
}

function invalid(problems: readonly ValidationProblem[]): ApiError {
  const first = problems[0];
  const summary = first ? `${first.path}: ${first.message}` : 'the body is not valid';
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  return new ApiError('INVALID_REQUEST', `${summary}${more}`, problems.slice(0, 200));
}

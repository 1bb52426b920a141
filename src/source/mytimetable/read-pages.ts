// Paging through one user's MyTimetable timetable: MyTimetable answers "events from startDate on, at most limit of
// them", so a full page means "ask again from the latest start on it". The boundary repeats events, which are
// taken once by id; a page that cannot move on is an error, never a loop and never a silently short timetable.
import type { TimetableEvent } from '../../model/timetable-event.ts';
import type { TimetableProblem } from '../../model/timetable-problem.ts';
import { fetchTimetablePage, type PageClient, type PageRequest } from './mytimetable-client.ts';
import { parseMyTimetableEvent } from './mytimetable-event.ts';

/** A runaway guard: 1,000 pages of 500 is half a million events for one person. */
const maxPages = 1_000;

export type PagesResult =
  | { readonly kind: 'events'; readonly events: readonly TimetableEvent[] }
  | { readonly kind: 'unknown-user' }
  /** MyTimetable sent events that cannot be used; `page` and `from` say which answer. */
  | {
      readonly kind: 'invalid';
      readonly problems: readonly TimetableProblem[];
      readonly page: number;
      readonly from: string;
    }
  | { readonly kind: 'stuck'; readonly reason: string };

export interface PagesRequest extends Omit<PageRequest, 'startMs'> {
  readonly personId: string;
  readonly windowStartMs: number;
  readonly windowEndMs: number;
  readonly timeZone: string;
}

/** Throws what fetchTimetablePage throws (PageFailure, or the caller's abort). */
export async function readAllPages(client: PageClient, request: PagesRequest): Promise<PagesResult> {
  const events = new Map<string, TimetableEvent>();
  let startMs = request.windowStartMs;
  for (let page = 1; ; page++) {
    const answer = await fetchTimetablePage(client, { ...request, startMs });
    if (answer.kind === 'unknown-user') return answer;
    const from = new Date(startMs).toISOString();
    const { parsed, problems, lastStartMs } = parsePage(answer.events, request.personId, request.timeZone);
    if (problems.length > 0) return { kind: 'invalid', problems, page, from };
    let added = 0;
    for (const event of parsed) {
      if (events.has(event.id)) continue;
      events.set(event.id, event);
      added++;
    }
    if (answer.events.length < request.limit || lastStartMs >= request.windowEndMs) break;
    // A full page whose events all start where it began cannot move on: asking again returns the same page.
    if (lastStartMs <= startMs || added === 0) {
      return {
        kind: 'stuck',
        reason: `paging makes no progress at ${from} (more than ${request.limit} events start at the same time, or MyTimetable repeats a page); raise source.pageSize`,
      };
    }
    if (page >= maxPages) return { kind: 'stuck', reason: `more than ${maxPages} pages of ${request.limit} events` };
    startMs = lastStartMs;
  }
  return { kind: 'events', events: [...events.values()] };
}

function parsePage(raw: readonly unknown[], personId: string, timeZone: string) {
  const parsed: TimetableEvent[] = [];
  const problems: TimetableProblem[] = [];
  let lastStartMs = Number.NEGATIVE_INFINITY;
  raw.forEach((item, index) => {
    const result = parseMyTimetableEvent(item, `[${index}]`, timeZone);
    if (!result.ok) {
      for (const problem of result.problems) problems.push({ ...problem, personId, eventId: result.id });
      return;
    }
    parsed.push(result.event);
    // The latest start, not the last element's: the next page must not skip anything whatever the order.
    if (result.startMs > lastStartMs) lastStartMs = result.startMs;
  });
  return { parsed, problems, lastStartMs };
}

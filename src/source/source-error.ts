// A source that could not give a person's timetable says so with a SourceError, never with an empty list: an empty
// list would turn into deletes (invariant 4). The engine marks that person failing and touches nothing.
import type { TimetableProblem } from '../model/timetable-problem.ts';
import { describeProblem } from '../model/timetable-problem.ts';
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

export type SourceErrorCode =
  /** The source could not be read at all (file missing, no permission, connection refused). */
  | 'SOURCE_UNREADABLE'
  /** The source answered with something that is not a timetable (bad JSON, wrong structure): every person fails. */
  | 'SOURCE_MALFORMED'
  /** This person's events are invalid (end before start, bad zone, duplicate ids): only this person fails. */
  | 'SOURCE_INVALID_EVENTS';

export class SourceError extends TimetableSyncError {
  declare readonly code: SourceErrorCode;
  /** Which source, for the admin: `JSON file /srv/timetable.json`. */
  readonly source: string;
  readonly personId: string | null;
  readonly problems: readonly TimetableProblem[];

  constructor(
    code: SourceErrorCode,
    fields: { source: string; personId?: string | null; problems?: readonly TimetableProblem[]; summary: string },
    options?: ErrorOptions,
  ) {
    const problems = fields.problems ?? [];
    const lines = problems.slice(0, 20).map((problem) => `\n  - ${describeProblem(problem)}`);
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    super(code, `${fields.source}: ${fields.summary}${lines.join('')}${more}`, options);
    this.source = fields.source;
    this.personId = fields.personId ?? null;
    this.problems = problems;
  }
}

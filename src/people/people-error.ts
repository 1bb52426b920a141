// A roster that cannot be read says why in words an admin can act on: the file, line and column of a bad row, or
// the permission the app lacks to read a group. Raised before anyone is synced (a wrong roster syncs nobody).
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

export type PeopleErrorCode =
  /** The file or the group could not be read (missing file, Graph unreachable, no such group). */
  | 'PEOPLE_UNREADABLE'
  /** The people file has bad rows: every problem is listed with its line and column. */
  | 'PEOPLE_INVALID'
  /** The app may not read the group's members: it needs GroupMember.Read.All. */
  | 'PEOPLE_PERMISSION';

export interface RosterProblem {
  /** 1-based line in the file. */
  readonly line: number;
  /** The column's header name, or null for the whole line. */
  readonly column: string | null;
  readonly message: string;
}

export class PeopleError extends TimetableSyncError {
  declare readonly code: PeopleErrorCode;
  /** `people file /srv/people.csv`, `Entra group 9a8b…`. */
  readonly roster: string;
  readonly problems: readonly RosterProblem[];

  constructor(
    code: PeopleErrorCode,
    fields: { roster: string; summary: string; problems?: readonly RosterProblem[] },
    options?: ErrorOptions,
  ) {
    const problems = fields.problems ?? [];
    const lines = problems.slice(0, 20).map((problem) => `\n  - ${describeRosterProblem(problem)}`);
    const more = problems.length > 20 ? `\n  … and ${problems.length - 20} more` : '';
    super(code, `${fields.roster}: ${fields.summary}${lines.join('')}${more}`, options);
    this.roster = fields.roster;
    this.problems = problems;
  }
}

export function describeRosterProblem(problem: RosterProblem): string {
  const column = problem.column === null ? '' : `, column ${problem.column}`;
  return `line ${problem.line}${column}: ${problem.message}`;
}

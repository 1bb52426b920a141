// A problem in timetable data (the JSON file, the push API), naming the person and the event it belongs to, and the
// error that carries all of them at once so a feed can be fixed in one pass.
import { TimetableSyncError } from './timetable-sync-error.ts';
import type { ValidationProblem } from './validation-problem.ts';

export interface TimetableProblem extends ValidationProblem {
  readonly personId: string | null;
  readonly eventId: string | null;
}

export function describeProblem(problem: TimetableProblem): string {
  const who = [
    problem.personId === null ? null : `person ${problem.personId}`,
    problem.eventId === null ? null : `event ${problem.eventId}`,
  ].filter((part) => part !== null);
  const where = problem.path === '' ? '(document)' : problem.path;
  return `${where}${who.length > 0 ? ` (${who.join(', ')})` : ''}: ${problem.message}`;
}

export class TimetableValidationError extends TimetableSyncError {
  readonly problems: readonly TimetableProblem[];

  constructor(problems: readonly TimetableProblem[], what = 'timetable') {
    const lines = problems.map((problem) => `  - ${describeProblem(problem)}`);
    super('TIMETABLE_INVALID', `invalid ${what}: ${problems.length} problem(s)\n${lines.join('\n')}`);
    this.problems = problems;
  }
}

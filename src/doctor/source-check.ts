// The timetable source: it can be read (and lists its people when it can), and for each --mailbox it knows the
// person and returns their events in the sync window. An empty timetable is a warning; a read that fails, a failure.
import type { Person } from '../model/person.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import { canListPeople, SourceError, type TimetableSource } from '../source/index.ts';
import { type CheckResult, failed, passed, skipped, warned } from './check-result.ts';

export interface SourceCheck {
  readonly result: CheckResult;
  /** The source's people, when it can list them. */
  readonly people: readonly Person[] | undefined;
}

export async function checkSource(source: TimetableSource): Promise<SourceCheck> {
  if (!canListPeople(source)) {
    return { result: passed('source', 'source', `${source.description} (read per person below)`), people: undefined };
  }
  try {
    const people = await source.listPeople();
    const result =
      people.length === 0
        ? warned('source', 'source', `${source.description} lists nobody: a sync has no one to sync`, {
            fix: 'check that the timetable export wrote its people (docs/configuration.md, "The JSON timetable")',
          })
        : passed(
            'source',
            'source',
            `${source.description}: ${people.length} ${people.length === 1 ? 'person' : 'people'}`,
          );
    return { result, people };
  } catch (error) {
    return { result: sourceFailure('source', 'source', error), people: undefined };
  }
}

export async function checkPersonTimetable(
  source: TimetableSource,
  people: readonly Person[] | undefined,
  upn: string,
  window: SyncWindow,
): Promise<CheckResult> {
  const title = `timetable ${upn}`;
  const listed = people?.find((person) => person.mailbox.toLowerCase() === upn.toLowerCase());
  if (people !== undefined && listed === undefined) {
    return warned(
      'timetable',
      title,
      `no person in ${source.description} has the mailbox ${upn}: a sync leaves this calendar alone`,
      {
        fix: 'check the mailbox (user principal name) given for this person in the timetable source',
      },
    );
  }
  const person = listed ?? { id: upn, mailbox: upn };
  try {
    const read = await source.read(person, window);
    if (read.kind === 'unknown-person') {
      return warned(
        'timetable',
        title,
        `${source.description} does not know person ${person.id}: a sync leaves this calendar alone`,
        {
          fix: 'check that the timetable export includes this person',
        },
      );
    }
    const count = read.events.length;
    if (count === 0) {
      return warned(
        'timetable',
        title,
        `person ${person.id} has no events in the sync window: a sync would write nothing`,
        {
          fix: 'if they should have lectures in this period, check the timetable export (and sync.pastDays / sync.futureDays)',
        },
      );
    }
    return passed(
      'timetable',
      title,
      `person ${person.id}: ${count} event${count === 1 ? '' : 's'} in the sync window`,
    );
  } catch (error) {
    return sourceFailure('timetable', title, error);
  }
}

export function skippedTimetable(upn: string, reason: string): CheckResult {
  return skipped('timetable', `timetable ${upn}`, reason);
}

function sourceFailure(check: string, title: string, error: unknown): CheckResult {
  if (!(error instanceof SourceError)) throw error;
  const [summary, ...problems] = error.message.split('\n');
  return failed(check, title, summary ?? error.message, {
    code: error.code,
    fix:
      error.code === 'SOURCE_INVALID_EVENTS'
        ? "correct this person's events in the timetable export; everyone else still syncs"
        : 'check that the source can be read by the account running timetable-sync and holds a timetable document (docs/configuration.md)',
    details: problems.map((line) => line.trim()),
  });
}

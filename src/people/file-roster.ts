// The people file (`people.file`): a CSV with a header row naming the columns id, mailbox and optionally
// username and feedKey, in any order. Every bad row is reported at once with its line and column; duplicate ids or
// mailboxes are errors (two people in one calendar, or one person twice, is never what an admin meant). The file is
// re-read whenever it changes.
import { readFile } from 'node:fs/promises';
import { changedFileCache } from '../source/changed-file-cache.ts';
import { decodeUtf8Text } from '../source/utf8-text.ts';
import type { CsvRow } from './csv-rows.ts';
import { parseCsv } from './csv-rows.ts';
import { PeopleError, type RosterProblem } from './people-error.ts';
import type { PeopleRoster, RosterEntry } from './people-roster.ts';

const COLUMNS = ['id', 'mailbox', 'username', 'feedKey'] as const;
type Column = (typeof COLUMNS)[number];

export interface FileRoster extends PeopleRoster {
  readonly path: string;
  /** The entry for one id, or undefined when the file has no such person. */
  find(id: string): Promise<RosterEntry | undefined>;
}

interface Snapshot {
  readonly people: readonly RosterEntry[];
  readonly byId: ReadonlyMap<string, RosterEntry>;
}

/** `path` must be absolute (the config resolves it against the config file's folder). */
export function createFileRoster(path: string): FileRoster {
  const description = `people file ${path}`;
  const snapshot = changedFileCache(
    path,
    (file) => load(file, description),
    (error) => unreadable(description, error),
  );

  return {
    path,
    description,
    async listPeople() {
      return (await snapshot()).people;
    },
    async find(id: string) {
      return (await snapshot()).byId.get(id);
    },
  };
}

function unreadable(description: string, error: unknown): PeopleError {
  const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
  return new PeopleError(
    'PEOPLE_UNREADABLE',
    { roster: description, summary: `cannot read it (${reason})` },
    { cause: error },
  );
}

async function load(path: string, description: string): Promise<Snapshot> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw unreadable(description, error);
  }
  let text: string;
  try {
    text = decodeUtf8Text(bytes, 'the file');
  } catch (error) {
    // Names read from Latin-1 bytes would be mangled silently; refuse the file instead.
    throw new PeopleError(
      'PEOPLE_INVALID',
      { roster: description, summary: (error as Error).message },
      { cause: error },
    );
  }
  const people = parsePeopleCsv(text, description);
  return { people, byId: new Map(people.map((person) => [person.id, person])) };
}

/** The rows of a people file, or a PeopleError listing every problem. */
export function parsePeopleCsv(text: string, description: string): RosterEntry[] {
  const csv = parseCsv(text);
  if (!csv.ok) {
    throw new PeopleError('PEOPLE_INVALID', {
      roster: description,
      summary: 'not a readable CSV file',
      problems: [{ line: csv.line, column: null, message: csv.message }],
    });
  }
  const [header, ...rows] = csv.rows;
  if (header === undefined) {
    const message = `is empty: the first line names the columns (${COLUMNS.join(', ')})`;
    throw new PeopleError('PEOPLE_INVALID', { roster: description, summary: message });
  }
  const problems: RosterProblem[] = [];
  const columns = readHeader(header, problems);
  if (problems.length > 0 || columns === null) {
    throw new PeopleError('PEOPLE_INVALID', { roster: description, summary: 'the header row is wrong', problems });
  }
  const people: RosterEntry[] = [];
  const idLines = new Map<string, number>();
  const mailboxLines = new Map<string, number>();
  for (const row of rows) {
    const person = readRow(row, columns, problems);
    if (person === null) continue;
    const sameId = idLines.get(person.id.toLowerCase());
    const sameMailbox = mailboxLines.get(person.mailbox.toLowerCase());
    if (sameId !== undefined) {
      problems.push({ line: row.line, column: 'id', message: `duplicate id ${person.id} (also on line ${sameId})` });
    } else if (sameMailbox !== undefined) {
      const message = `duplicate mailbox ${person.mailbox} (also on line ${sameMailbox})`;
      problems.push({ line: row.line, column: 'mailbox', message });
    } else {
      idLines.set(person.id.toLowerCase(), row.line);
      mailboxLines.set(person.mailbox.toLowerCase(), row.line);
      people.push(person);
    }
  }
  if (problems.length > 0) {
    const summary = `${problems.length} problem(s); nobody is synced until they are fixed`;
    throw new PeopleError('PEOPLE_INVALID', { roster: description, summary, problems });
  }
  return people;
}

/** Column index per known column name; header names match without regard to case (`FeedKey`, `MAILBOX`). */
function readHeader(header: CsvRow, problems: RosterProblem[]): ReadonlyMap<Column, number> | null {
  const columns = new Map<Column, number>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    const column = COLUMNS.find((known) => known.toLowerCase() === name.toLowerCase());
    if (column === undefined) {
      const message = `unknown column ${JSON.stringify(name)} (the columns are ${COLUMNS.join(', ')})`;
      problems.push({ line: header.line, column: `${index + 1}`, message });
    } else if (columns.has(column)) {
      problems.push({ line: header.line, column: `${index + 1}`, message: `the column ${column} appears twice` });
    } else {
      columns.set(column, index);
    }
  });
  for (const required of ['id', 'mailbox'] as const) {
    if (!columns.has(required)) {
      const message = `needs a column named ${required} (the first line names the columns: ${COLUMNS.join(', ')})`;
      problems.push({ line: header.line, column: null, message });
    }
  }
  return problems.length > 0 ? null : columns;
}

const upn = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function readRow(row: CsvRow, columns: ReadonlyMap<Column, number>, problems: RosterProblem[]): RosterEntry | null {
  if (row.cells.length !== columns.size) {
    const message = `has ${row.cells.length} value(s) but the header names ${columns.size} column(s)`;
    problems.push({ line: row.line, column: null, message });
    return null;
  }
  const value = (column: Column): string => {
    const index = columns.get(column);
    return index === undefined ? '' : (row.cells[index] ?? '').trim();
  };
  const before = problems.length;
  const id = value('id');
  const mailbox = value('mailbox');
  if (id === '') problems.push({ line: row.line, column: 'id', message: 'is empty' });
  else if (/[\p{Cc}]/u.test(id))
    problems.push({ line: row.line, column: 'id', message: 'contains control characters' });
  if (!upn.test(mailbox) && !guid.test(mailbox)) {
    const message = `must be a user principal name like s1@uni.example or an Entra object id (got ${JSON.stringify(mailbox)})`;
    problems.push({ line: row.line, column: 'mailbox', message });
  }
  if (problems.length > before) return null;
  return { id, mailbox, username: value('username') || null, feedKey: value('feedKey') || null };
}

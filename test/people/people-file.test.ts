// The people file as admins write it (Excel, LibreOffice, an export script): columns in any order, a comma or a
// semicolon, quotes, a byte-order mark; and every mistake reported at once with its line and column.
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileRoster } from '../../src/people/file-roster.ts';
import { PeopleError } from '../../src/people/people-error.ts';

function peopleFile(text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'tts-people-')), 'people.csv');
  writeFileSync(path, text);
  return path;
}

async function failure(path: string): Promise<PeopleError> {
  const error = await createFileRoster(path)
    .listPeople()
    .then(
      () => null,
      (reason: unknown) => reason,
    );
  if (!(error instanceof PeopleError)) throw new Error(`expected a PeopleError, got ${String(error)}`);
  return error;
}

describe('people file', () => {
  it('reads the columns in any order and any case, with optional username and feedKey', async () => {
    const path = peopleFile(
      ['Mailbox,ID,feedkey,Username', 's1@uni.example,s1,k1,jan', '"s2@uni.example",s2,,', '', ''].join('\r\n'),
    );
    expect(await createFileRoster(path).listPeople()).toEqual([
      { id: 's1', mailbox: 's1@uni.example', username: 'jan', feedKey: 'k1' },
      { id: 's2', mailbox: 's2@uni.example', username: null, feedKey: null },
    ]);
  });

  it('reads what Excel saves in most of Europe: a byte-order mark, semicolons, quoted values', async () => {
    const path = peopleFile(
      '\uFEFFid;mailbox;username\n12345;s1@uni.example;"Jansen; J."\n"9 8";0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b;"say ""hi"""\n',
    );
    expect(await createFileRoster(path).listPeople()).toEqual([
      { id: '12345', mailbox: 's1@uni.example', username: 'Jansen; J.', feedKey: null },
      { id: '9 8', mailbox: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', username: 'say "hi"', feedKey: null },
    ]);
  });

  it('refuses a file that is not UTF-8 rather than mangle names', async () => {
    const path = peopleFile('');
    writeFileSync(path, Buffer.from('id,mailbox,username\ns1,s1@uni.example,Ren\xe9e\n', 'latin1'));
    const error = await failure(path);
    expect(error.code).toBe('PEOPLE_INVALID');
    expect(error.message).toContain(path);
    expect(error.message).toContain('not UTF-8 text (save it as UTF-8)');
  });

  it('finds one person by id, and sees a changed file', async () => {
    const path = peopleFile('id,mailbox\ns1,s1@uni.example\n');
    const roster = createFileRoster(path);
    expect(await roster.find('s1')).toMatchObject({ mailbox: 's1@uni.example' });
    writeFileSync(`${path}.new`, 'id,mailbox\ns1,first.last@uni.example\ns2,s2@uni.example\n');
    renameSync(`${path}.new`, path);
    expect(await roster.find('s1')).toMatchObject({ mailbox: 'first.last@uni.example' });
    expect(await roster.find('nobody')).toBeUndefined();
  });

  it('lists every bad row with its line and column, duplicates included', async () => {
    const path = peopleFile(
      [
        'id,mailbox,feedKey',
        's1,s1@uni.example,k1',
        ',s2@uni.example,k2',
        's3,not a mailbox,k3',
        'S1,other@uni.example,k4',
        's5,S1@UNI.EXAMPLE,k5',
        's6,s6@uni.example',
      ].join('\n'),
    );
    const error = await failure(path);
    expect(error.code).toBe('PEOPLE_INVALID');
    expect(error.message).toBe(
      [
        `people file ${path}: 5 problem(s); nobody is synced until they are fixed`,
        '  - line 3, column id: is empty',
        '  - line 4, column mailbox: must be a user principal name like s1@uni.example or an Entra object id (got "not a mailbox")',
        '  - line 5, column id: duplicate id S1 (also on line 2)',
        '  - line 6, column mailbox: duplicate mailbox S1@UNI.EXAMPLE (also on line 2)',
        '  - line 7: has 2 value(s) but the header names 3 column(s)',
      ].join('\n'),
    );
  });

  it('needs a header naming id and mailbox, and knows no other columns', async () => {
    const headerless = await failure(peopleFile('s1,s1@uni.example\n'));
    expect(headerless.problems).toEqual([
      { line: 1, column: '1', message: 'unknown column "s1" (the columns are id, mailbox, username, feedKey)' },
      {
        line: 1,
        column: '2',
        message: 'unknown column "s1@uni.example" (the columns are id, mailbox, username, feedKey)',
      },
      {
        line: 1,
        column: null,
        message: 'needs a column named id (the first line names the columns: id, mailbox, username, feedKey)',
      },
      {
        line: 1,
        column: null,
        message: 'needs a column named mailbox (the first line names the columns: id, mailbox, username, feedKey)',
      },
    ]);
    expect((await failure(peopleFile(''))).message).toMatch(/is empty: the first line names the columns/);
    expect((await failure(peopleFile('id,mailbox\ns1,"s1@uni.example\n'))).problems).toEqual([
      { line: 2, column: null, message: 'a quoted value is never closed' },
    ]);
  });

  it('fails, never returns an empty roster, when the file is missing', async () => {
    const error = await failure('/nonexistent/people.csv');
    expect(error.code).toBe('PEOPLE_UNREADABLE');
    expect(error.message).toBe('people file /nonexistent/people.csv: cannot read it (file not found)');
  });
});

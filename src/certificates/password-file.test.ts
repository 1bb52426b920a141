import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatePassword, readPasswordFile } from './password-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'tts-password-'));
const file = (contents: string) => {
  const path = join(dir, `p${Math.random()}`);
  writeFileSync(path, contents);
  return path;
};

describe('readPasswordFile', () => {
  it('reads the first line, without the line ending echo or Notepad add', () => {
    expect(readPasswordFile(file('s3cret'))).toBe('s3cret');
    expect(readPasswordFile(file('s3cret\n'))).toBe('s3cret');
    expect(readPasswordFile(file('\uFEFFs3cret\r\n'))).toBe('s3cret');
    expect(readPasswordFile(file(' spaced out \nsecond line'))).toBe(' spaced out ');
  });

  it('refuses an empty or missing file, naming it', () => {
    const empty = file('\n');
    expect(() => readPasswordFile(empty)).toThrow(
      expect.objectContaining({ code: 'CERT_BAD_PASSWORD_FILE', file: empty }),
    );
    expect(() => readPasswordFile(join(dir, 'missing'))).toThrow(/password file .*missing does not exist/);
  });
});

describe('generatePassword', () => {
  it('makes 32 shell-safe characters, different every time', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generatePassword()).not.toBe(password);
  });
});

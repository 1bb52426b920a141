// Certificate passwords live in files (never on the command line, where `ps` and shell history would show them).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CertificateError, unreadableFile } from './certificate-error.ts';

/** The password in `file`: its first line, without the line ending an editor or `echo` adds. */
export function readPasswordFile(file: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw unreadableFile(file, 'password file', error);
  }
  const password = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (password === '') {
    throw new CertificateError(
      'CERT_BAD_PASSWORD_FILE',
      file,
      `The password file ${file} is empty: put the password on its first line.`,
    );
  }
  return password;
}

/** 32 characters from 24 random bytes (192 bits): letters, digits, `-` and `_`, safe in any shell or form. */
export function generatePassword(): string {
  return randomBytes(24).toString('base64url');
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateError } from './certificate-error.ts';
import { createSelfSignedCertificate, type NewCertificate } from './create-certificate.ts';
import { readCertificateFile } from './read-certificate-file.ts';

let leaf: NewCertificate;
let other: NewCertificate;
let dir: string;

beforeAll(async () => {
  [leaf, other] = await Promise.all([
    createSelfSignedCertificate({ subject: 'CN=leaf', keyBits: 2048 }),
    createSelfSignedCertificate({ subject: 'CN=other', keyBits: 2048 }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'tts-read-'));
});

function file(name: string, contents: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, contents);
  return path;
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error.code;
    throw error;
  }
  return undefined;
}

describe('readCertificateFile', () => {
  it('reads DER, PEM and bare base64 whatever the extension says', () => {
    const base64 = leaf.facts.der.toString('base64').replace(/(.{76})/g, '$1\r\n');
    for (const [name, contents, format] of [
      ['a.cer', leaf.facts.der, 'der'],
      ['a.crt', leaf.facts.pem, 'pem'],
      ['pem-named.cer', leaf.facts.pem.replace(/\n/g, '\r\n'), 'pem'],
      ['base64.cer', base64, 'der'],
    ] as const) {
      const read = readCertificateFile(file(name, contents));
      expect(read.format).toBe(format);
      expect(read.certificates[0]?.der.equals(leaf.facts.der)).toBe(true);
      expect(read.privateKey).toBeUndefined();
    }
  });

  it('puts the certificate the key belongs to first in a PEM holding a chain and a key', () => {
    const key = leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const read = readCertificateFile(file('bundle.pem', `${other.facts.pem}${key}${leaf.facts.pem}`));
    expect(read.certificates.map((c) => c.subject)).toEqual(['CN=leaf', 'CN=other']);
    expect(read.privateKey).toBeDefined();
  });

  it('says what is wrong with files that are not certificates', () => {
    const key = leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    expect(codeOf(() => readCertificateFile(file('only.key', key)))).toBe('CERT_NOT_A_CERTIFICATE');
    expect(codeOf(() => readCertificateFile(file('notes.txt', 'hello, world')))).toBe('CERT_NOT_A_CERTIFICATE');
    expect(codeOf(() => readCertificateFile(file('empty.cer', '')))).toBe('CERT_NOT_A_CERTIFICATE');
    const damaged = leaf.facts.pem.replace(/\n[A-Za-z0-9+/]{40}/, '\n');
    expect(codeOf(() => readCertificateFile(file('damaged.pem', damaged)))).toBe('CERT_CORRUPT');
    expect(codeOf(() => readCertificateFile(join(dir, 'missing.cer')))).toBe('CERT_FILE_UNREADABLE');
    expect(codeOf(() => readCertificateFile(dir))).toBe('CERT_FILE_UNREADABLE');
  });
});

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, type NewCertificate } from './create-certificate.ts';
import { writeCertificateFiles } from './write-certificate-files.ts';

let created: NewCertificate;
beforeAll(async () => {
  created = await createSelfSignedCertificate({ subject: 'CN=files', keyBits: 2048 });
});

const mode = (file: string) => statSync(file).mode & 0o777;

describe('writeCertificateFiles', () => {
  it('writes the certificate readable and the secrets for the owner only', () => {
    const directory = join(mkdtempSync(join(tmpdir(), 'tts-files-')), 'new', 'folder');
    const paths = writeCertificateFiles(created, {
      directory,
      baseName: 'app',
      password: 'pw-123456',
      writePasswordFile: true,
      force: false,
    });
    expect(readFileSync(paths.cer).equals(created.facts.der)).toBe(true);
    expect(readFileSync(paths.pem, 'utf8')).toBe(created.facts.pem);
    expect(readFileSync(paths.key, 'utf8')).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(readFileSync(paths.password as string, 'utf8')).toBe('pw-123456\n');
    for (const secret of [paths.key, paths.pfx, paths.password as string]) expect(mode(secret)).toBe(0o600);
  });

  it('overwrites nothing without force, and with force replaces the files with tight permissions', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tts-files-'));
    const options = { directory, baseName: 'app', password: 'pw-123456', writePasswordFile: false, force: false };
    writeFileSync(join(directory, 'app.pfx'), 'old', { mode: 0o644 });
    expect(() => writeCertificateFiles(created, options)).toThrow(
      expect.objectContaining({ code: 'CERT_FILE_EXISTS' }),
    );
    expect(() => statSync(join(directory, 'app.cer'))).toThrow();
    const paths = writeCertificateFiles(created, { ...options, force: true });
    expect(readFileSync(paths.pfx).toString()).not.toBe('old');
    expect(mode(paths.pfx)).toBe(0o600);
    expect(paths.password).toBeUndefined();
  });
});

// `timetable-sync cert create`, checked with OpenSSL the way an admin (or Entra) would see the files.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadClientCertificate } from '../../src/certificates/load-client-certificate.ts';
import {
  cert,
  hasOpenssl,
  openssl,
  opensslFingerprint,
  opensslReport,
  temporaryDirectory,
  timetableSync,
} from './tools.ts';

describe.skipIf(!hasOpenssl)('cert create, checked with OpenSSL', () => {
  let dir: string;
  let stdout: string;
  const passwordFile = () => join(dir, 'given.password');
  const file = (extension: string) => join(dir, `uni.${extension}`);

  beforeAll(() => {
    dir = temporaryDirectory();
    writeFileSync(passwordFile(), 'Given-Password-123\n');
    const result = timetableSync([
      'cert',
      'create',
      '--subject',
      'CN=University timetable-sync',
      '--years',
      '2',
      '--out',
      dir,
      '--name',
      'uni',
      '--password-file',
      passwordFile(),
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    stdout = result.stdout;
  });

  it('prints the SHA-1 and SHA-256 thumbprints OpenSSL computes, in hex and base64', () => {
    const sha1 = opensslFingerprint(file('cer'), 'sha1');
    const sha256 = opensslFingerprint(file('cer'), 'sha256');
    const base64 = (hex: string) => Buffer.from(hex, 'hex').toString('base64');
    expect(stdout).toContain(`SHA-1 thumbprint    ${sha1}\n${' '.repeat(20)}${base64(sha1)} (base64)`);
    expect(stdout).toContain(`SHA-256 thumbprint  ${sha256}\n${' '.repeat(20)}${base64(sha256)} (base64)`);
  });

  it('prints keyCredentials JSON for the manifest that matches the certificate file', () => {
    const [graph, aadGraph] = jsonBlocks(stdout);
    const sha1 = opensslFingerprint(file('cer'), 'sha1');
    const der = readFileSync(file('cer')).toString('base64');
    const dates = openssl(['x509', '-inform', 'DER', '-in', file('cer'), '-noout', '-startdate', '-enddate']);
    const [, start, end] = /notBefore=(.+)\nnotAfter=(.+)/.exec(dates) ?? [];
    for (const entry of [graph, aadGraph]) {
      expect(entry).toMatchObject({
        customKeyIdentifier: Buffer.from(sha1, 'hex').toString('base64'),
        displayName: 'CN=University timetable-sync',
        type: 'AsymmetricX509Cert',
        usage: 'Verify',
        startDateTime: new Date(start as string).toISOString().replace('.000Z', 'Z'),
        endDateTime: new Date(end as string).toISOString().replace('.000Z', 'Z'),
      });
      expect(entry?.keyId).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(graph?.key).toBe(der);
    expect(aadGraph?.value).toBe(der);
    expect(stdout).toContain(
      'Entra ID >\n     App registrations > (your app) > Certificates & secrets > Certificates > Upload certificate',
    );
  });

  it('writes a certificate with an RSA 3072 key, SHA-256 signature and key usage digitalSignature', () => {
    const text = openssl(['x509', '-inform', 'DER', '-in', file('cer'), '-noout', '-text']);
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
    expect(text).toContain('Public-Key: (3072 bit)');
    expect(text).toMatch(/X509v3 Key Usage: critical\n\s+Digital Signature\n/);
    expect(openssl(['x509', '-in', file('pem'), '-outform', 'DER']).length).toBeGreaterThan(0);
    expect(opensslFingerprint(file('cer'), 'sha256')).toBe(
      (openssl(['x509', '-in', file('pem'), '-noout', '-fingerprint', '-sha256']).split('=')[1] as string)
        .trim()
        .replace(/:/g, ''),
    );
  });

  it('writes a PFX OpenSSL opens with the password: AES-256 key, SHA-256 MAC, the same certificate and key', () => {
    const info = opensslReport(['pkcs12', '-in', file('pfx'), '-info', '-noout', '-passin', `file:${passwordFile()}`]);
    expect(info).toContain('MAC: sha256');
    expect(info).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC, Iteration \d+, PRF hmacWithSHA256/);
    const certificate = openssl(['pkcs12', '-in', file('pfx'), '-nokeys', '-passin', `file:${passwordFile()}`]);
    expect(certificate).toContain(readFileSync(file('pem'), 'utf8').trim());
    const keyPem = openssl(['pkcs12', '-in', file('pfx'), '-nocerts', '-nodes', '-passin', `file:${passwordFile()}`]);
    const keyFile = join(dir, 'extracted.key');
    writeFileSync(keyFile, keyPem);
    expect(openssl(['pkey', '-in', keyFile, '-pubout'])).toBe(
      openssl(['x509', '-in', file('pem'), '-noout', '-pubkey']),
    );
    expect(() => opensslReport(['pkcs12', '-in', file('pfx'), '-info', '-noout', '-passin', 'pass:wrong'])).toThrow(
      /invalid password/,
    );
  });

  it('writes the private key as encrypted PKCS#8 that OpenSSL opens with the password', () => {
    const pem = readFileSync(file('key'), 'utf8');
    expect(pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----/);
    expect(openssl(['asn1parse', '-in', file('key')])).toMatch(/aes-256-cbc/);
    expect(openssl(['pkey', '-in', file('key'), '-passin', `file:${passwordFile()}`, '-pubout'])).toBe(
      openssl(['x509', '-in', file('pem'), '-noout', '-pubkey']),
    );
    expect(statSync(file('key')).mode & 0o777).toBe(0o600);
    expect(statSync(file('pfx')).mode & 0o777).toBe(0o600);
  });

  it('round-trips: the PFX and the PEM pair load as the same certificate and key', () => {
    const password = 'Given-Password-123';
    const fromPfx = loadClientCertificate({ pfxPath: file('pfx'), password });
    const fromPem = loadClientCertificate({ certPath: file('pem'), keyPath: file('key'), password });
    expect(fromPfx.thumbprintSha256Hex).toBe(opensslFingerprint(file('cer'), 'sha256'));
    expect(fromPem.thumbprintSha256Hex).toBe(fromPfx.thumbprintSha256Hex);
    expect(fromPem.privateKeyPem).toBe(fromPfx.privateKeyPem);
  });

  it('never overwrites the files without --force', async () => {
    const before = readFileSync(file('pfx'));
    const again = await cert([
      'create',
      '--subject',
      'CN=x',
      '--out',
      dir,
      '--name',
      'uni',
      '--password-file',
      passwordFile(),
    ]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('CERT_FILE_EXISTS');
    expect(readFileSync(file('pfx')).equals(before)).toBe(true);
  });
});

describe.skipIf(!hasOpenssl)('cert create without a password file', () => {
  it('generates a strong password into a 0600 .password file that opens the PFX and the key', async () => {
    const dir = temporaryDirectory();
    const result = await cert(['create', '--subject', 'CN=generated', '--out', dir, '--key-size', '2048']);
    expect(result.status).toBe(0);
    const passwordFile = join(dir, 'timetable-sync.password');
    expect(readFileSync(passwordFile, 'utf8')).toMatch(/^[A-Za-z0-9_-]{32}\n$/);
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    expect(result.stdout).toContain(`passwordFile: ${passwordFile}`);
    openssl(['pkcs12', '-in', join(dir, 'timetable-sync.pfx'), '-info', '-noout', '-passin', `file:${passwordFile}`]);
    openssl(['pkey', '-in', join(dir, 'timetable-sync.key'), '-passin', `file:${passwordFile}`, '-noout']);
    expect(openssl(['x509', '-inform', 'DER', '-in', join(dir, 'timetable-sync.cer'), '-noout', '-text'])).toContain(
      'Public-Key: (2048 bit)',
    );
  });
});

describe('cert create arguments', () => {
  it('exits 2 and says what is wrong', async () => {
    for (const [args, message] of [
      [['create'], '--subject is required'],
      [['create', '--subject', 'University timetable-sync'], 'not a distinguished name'],
      [['create', '--subject', 'CN=x', '--years', '0'], '--years must be a whole number'],
      [['create', '--subject', 'CN=x', '--key-size', '1024'], '--key-size must be one of'],
      [['create', '--subject', 'CN=x', '--name', '../x'], '--name must be a file name'],
      [['create', '--subject', 'CN=x', '--bogus'], "Unknown option '--bogus'"],
      [['frobnicate'], "unknown cert command 'frobnicate'"],
    ] as const) {
      const result = await cert(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});

function jsonBlocks(text: string): Record<string, unknown>[] {
  return [...text.matchAll(/^ {6}\{\n[\s\S]*?\n {6}\}$/gm)].map((m) => JSON.parse(m[0]) as Record<string, unknown>);
}

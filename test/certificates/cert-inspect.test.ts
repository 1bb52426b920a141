// `timetable-sync cert inspect` on files other tools made: OpenSSL's PFX with legacy and modern protection, a
// Windows-style export, makecert-style and EC certificates, PEM pairs; and the problems it must name.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../../src/certificates/create-certificate.ts';
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

interface InspectJson {
  readonly format: string;
  readonly subject: string;
  readonly privateKey: string;
  readonly thumbprints: { readonly sha1Hex: string; readonly sha256Hex: string };
  readonly findings: readonly { readonly level: string; readonly code: string }[];
}

async function inspectJson(args: readonly string[]): Promise<{ status: number | null; json: InspectJson }> {
  const result = await cert(['inspect', ...args, '--json']);
  expect(result.stderr).toBe('');
  return { status: result.status, json: JSON.parse(result.stdout) as InspectJson };
}

describe.skipIf(!hasOpenssl)('cert inspect on files OpenSSL made', () => {
  let dir: string;
  const path = (name: string) => join(dir, name);
  let sha1: string;
  let sha256: string;

  beforeAll(() => {
    dir = temporaryDirectory();
    writeFileSync(path('password'), 'Secret-Passw0rd\n');
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path('key.pem'),
      '-out',
      path('cert.pem'),
      '-subj',
      '/CN=OpenSSL made/O=Example University',
      '-days',
      '365',
    ]);
    openssl(['x509', '-in', path('cert.pem'), '-outform', 'DER', '-out', path('cert.cer')]);
    sha1 = opensslFingerprint(path('cert.cer'), 'sha1');
    sha256 = opensslFingerprint(path('cert.cer'), 'sha256');
    const exportPfx = (name: string, extra: string[]) =>
      openssl([
        'pkcs12',
        '-export',
        '-in',
        path('cert.pem'),
        '-inkey',
        path('key.pem'),
        '-out',
        path(name),
        '-passout',
        `file:${path('password')}`,
        ...extra,
      ]);
    exportPfx('modern.pfx', []);
    exportPfx('legacy.pfx', ['-legacy']);
    exportPfx('3des.pfx', ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1']);
    // What Windows' Export-PfxCertificate writes by default (TripleDES-SHA1), with its CSP and machine-key attributes.
    exportPfx('windows.pfx', [
      '-certpbe',
      'PBE-SHA1-3DES',
      '-keypbe',
      'PBE-SHA1-3DES',
      '-macalg',
      'sha1',
      '-CSP',
      'Microsoft Software Key Storage Provider',
      '-LMK',
      '-name',
      'timetable-sync',
    ]);
    exportPfx('nomac.pfx', ['-nomac']);
    openssl([
      'pkcs12',
      '-export',
      '-nokeys',
      '-in',
      path('cert.pem'),
      '-out',
      path('certonly.pfx'),
      '-passout',
      `file:${path('password')}`,
    ]);
  });

  it('reads the modern (AES-256, SHA-256 MAC) and legacy (RC2/3DES, SHA-1 MAC) PFX files with the thumbprints OpenSSL computes', async () => {
    expect(
      opensslReport(['pkcs12', '-in', path('modern.pfx'), '-info', '-noout', '-passin', `file:${path('password')}`]),
    ).toMatch(/MAC: sha256[\s\S]*AES-256-CBC/);
    expect(
      opensslReport([
        'pkcs12',
        '-in',
        path('legacy.pfx'),
        '-info',
        '-noout',
        '-legacy',
        '-passin',
        `file:${path('password')}`,
      ]),
    ).toMatch(/MAC: sha1[\s\S]*40BitRC2[\s\S]*3-KeyTripleDES/);
    for (const name of ['modern.pfx', 'legacy.pfx', '3des.pfx', 'windows.pfx', 'nomac.pfx']) {
      const { status, json } = await inspectJson([path(name), '--password-file', path('password')]);
      expect(status, name).toBe(0);
      expect(json.format).toBe('pkcs12');
      expect(json.subject).toBe('CN=OpenSSL made, O=Example University');
      expect(json.thumbprints.sha1Hex, name).toBe(sha1);
      expect(json.thumbprints.sha256Hex, name).toBe(sha256);
      expect(json.privateKey, name).toBe('matches');
      expect(json.findings).toEqual([]);
    }
  });

  it('opens PFX files protected by a password with non-ASCII characters', async () => {
    writeFileSync(path('umlaut'), 'Pässwörd-ß\n');
    for (const extra of [[], ['-legacy']]) {
      openssl([
        'pkcs12',
        '-export',
        '-in',
        path('cert.pem'),
        '-inkey',
        path('key.pem'),
        '-out',
        path('umlaut.pfx'),
        '-passout',
        `file:${path('umlaut')}`,
        ...extra,
      ]);
      const { status, json } = await inspectJson([path('umlaut.pfx'), '--password-file', path('umlaut')]);
      expect(status, extra.join(' ') || 'modern').toBe(0);
      expect(json.privateKey).toBe('matches');
      expect(json.thumbprints.sha256Hex).toBe(sha256);
    }
  });

  it('prints the facts for a user running the command', () => {
    const result = timetableSync(['cert', 'inspect', path('modern.pfx'), '--password-file', path('password')]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`SHA-1 thumbprint    ${sha1}`);
    expect(result.stdout).toContain(`SHA-256 thumbprint  ${sha256}`);
    expect(result.stdout).toContain('private key         matches the certificate');
    expect(result.stdout).toContain('not the .pfx (write it with --cer-out FILE.cer)');
  });

  it('reads DER and PEM certificates, and checks a PEM key given with --key', async () => {
    for (const name of ['cert.cer', 'cert.pem']) {
      const { status, json } = await inspectJson([path(name)]);
      expect(status).toBe(0);
      expect(json.thumbprints.sha256Hex).toBe(sha256);
      expect(json.privateKey).toBe('absent');
    }
    expect((await inspectJson([path('cert.pem'), '--key', path('key.pem')])).json.privateKey).toBe('matches');
  });

  it('loads OpenSSL PFX files and PKCS#1 and encrypted PKCS#8 keys for signing in', () => {
    openssl(['pkey', '-in', path('key.pem'), '-traditional', '-out', path('key.pkcs1.pem')]);
    openssl([
      'pkcs8',
      '-topk8',
      '-in',
      path('key.pem'),
      '-v2',
      'aes-256-cbc',
      '-passout',
      `file:${path('password')}`,
      '-out',
      path('key.encrypted.pem'),
    ]);
    const password = 'Secret-Passw0rd';
    const loaded = [
      loadClientCertificate({ pfxPath: path('modern.pfx'), password }),
      loadClientCertificate({ pfxPath: path('legacy.pfx'), password }),
      loadClientCertificate({ certPath: path('cert.pem'), keyPath: path('key.pkcs1.pem') }),
      loadClientCertificate({ certPath: path('cert.cer'), keyPath: path('key.encrypted.pem'), password }),
    ];
    for (const certificate of loaded) expect(certificate.thumbprintSha256Hex).toBe(sha256);
    expect(new Set(loaded.map((c) => c.privateKeyPem)).size).toBe(1);
  });

  it('reads a PFX with the chain, the certificate the key belongs to first', () => {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path('ca.key'),
      '-out',
      path('ca.pem'),
      '-subj',
      '/CN=Example University CA',
      '-days',
      '365',
    ]);
    openssl([
      'x509',
      '-in',
      path('cert.pem'),
      '-CA',
      path('ca.pem'),
      '-CAkey',
      path('ca.key'),
      '-set_serial',
      '7',
      '-out',
      path('issued.pem'),
    ]);
    openssl([
      'pkcs12',
      '-export',
      '-in',
      path('issued.pem'),
      '-certfile',
      path('ca.pem'),
      '-inkey',
      path('key.pem'),
      '-out',
      path('chain.pfx'),
      '-passout',
      `file:${path('password')}`,
    ]);
    const loaded = loadClientCertificate({ pfxPath: path('chain.pfx'), password: 'Secret-Passw0rd' });
    expect(loaded.x5c).toHaveLength(2);
    expect(loaded.subject).toBe('CN=OpenSSL made, O=Example University');
    expect(loaded.facts.issuer).toBe('CN=Example University CA');
    expect(Buffer.from(loaded.x5c[1] as string, 'base64').toString('latin1')).toContain('Example University CA');
  });

  it('names a wrong password, a missing password and a PFX without its key', async () => {
    writeFileSync(path('wrong'), 'not-the-password\n');
    for (const name of ['modern.pfx', 'legacy.pfx', 'nomac.pfx']) {
      const wrong = await cert(['inspect', path(name), '--password-file', path('wrong')]);
      expect(wrong.status, name).toBe(1);
      expect(wrong.stderr, name).toContain('error CERT_WRONG_PASSWORD: The password does not open');
      expect(wrong.stderr).toContain(path(name));
    }
    const missing = await cert(['inspect', path('modern.pfx')]);
    expect(missing.stderr).toContain('CERT_PASSWORD_REQUIRED');
    const { json } = await inspectJson([path('certonly.pfx'), '--password-file', path('password')]);
    expect(json.privateKey).toBe('absent');
    expect(() => loadClientCertificate({ pfxPath: path('certonly.pfx'), password: 'Secret-Passw0rd' })).toThrow(
      expect.objectContaining({ code: 'CERT_NO_PRIVATE_KEY' }),
    );
  });

  it('flags a key that does not belong to the certificate', async () => {
    openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path('other.key')]);
    const result = await cert(['inspect', path('cert.pem'), '--key', path('other.key')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('private key         DOES NOT MATCH the certificate');
  });

  it('flags a makecert-style certificate (SHA-1 signature, 1024-bit key) and an EC certificate', async () => {
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:1024',
      '-sha1',
      '-nodes',
      '-keyout',
      path('makecert.key'),
      '-out',
      path('makecert.cer'),
      '-outform',
      'DER',
      '-subj',
      '/CN=makecert',
      '-days',
      '365',
    ]);
    const old = await inspectJson([path('makecert.cer')]);
    expect(old.status).toBe(1);
    expect(old.json.findings.map((f) => f.code)).toEqual(['CERT_KEY_TOO_SMALL']);

    openssl([
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path('ec.key'),
      '-out',
      path('ec.pem'),
      '-subj',
      '/CN=ec',
      '-days',
      '365',
    ]);
    const ec = await inspectJson([path('ec.pem'), '--key', path('ec.key')]);
    expect(ec.json.privateKey).toBe('matches');
    expect(ec.json.findings.map((f) => f.code)).toEqual(['CERT_KEY_NOT_RSA']);
  });
});

describe('cert inspect on certificates out of their validity', () => {
  it('flags an expired certificate and warns about one that expires within 30 days', async () => {
    const dir = temporaryDirectory();
    const day = 24 * 3600 * 1000;
    const expired = await createSelfSignedCertificate({
      subject: 'CN=expired',
      keyBits: 2048,
      notBefore: new Date(Date.now() - 400 * day),
      notAfter: new Date(Date.now() - day),
    });
    writeFileSync(join(dir, 'expired.pem'), expired.facts.pem);
    const result = await cert(['inspect', join(dir, 'expired.pem')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/ERROR {3}CERT_EXPIRED: The certificate "CN=expired" expired on/);

    const soon = await createSelfSignedCertificate({
      subject: 'CN=soon',
      keyBits: 2048,
      notAfter: new Date(Date.now() + 10 * day),
    });
    writeFileSync(join(dir, 'soon.cer'), soon.facts.der);
    const warning = await cert(['inspect', join(dir, 'soon.cer')]);
    expect(warning.status).toBe(0);
    expect(warning.stdout).toMatch(/WARNING CERT_EXPIRES_SOON: .* expires in 9 days/);
  });

  it('writes the certificate of a PFX as .cer for uploading', async () => {
    const dir = temporaryDirectory();
    const created = await cert(['create', '--subject', 'CN=cer out', '--out', dir, '--key-size', '2048']);
    expect(created.status).toBe(0);
    const cerOut = join(dir, 'upload.cer');
    const result = await cert([
      'inspect',
      join(dir, 'timetable-sync.pfx'),
      '--password-file',
      join(dir, 'timetable-sync.password'),
      '--cer-out',
      cerOut,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`Upload ${cerOut}`);
    const original = await inspectJson([join(dir, 'timetable-sync.cer')]);
    expect((await inspectJson([cerOut])).json.thumbprints).toEqual(original.json.thumbprints);
  });
});

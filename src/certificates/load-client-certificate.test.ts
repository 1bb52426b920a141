import { constants, createHash, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateError } from './certificate-error.ts';
import { createSelfSignedCertificate, type NewCertificate } from './create-certificate.ts';
import { loadClientCertificate, toMsalClientCertificate } from './load-client-certificate.ts';
import { writeCertificateFiles } from './write-certificate-files.ts';

let created: NewCertificate;
let dir: string;
const password = 'a long test password';

beforeAll(async () => {
  created = await createSelfSignedCertificate({ subject: 'CN=load test', keyBits: 2048 });
  dir = mkdtempSync(join(tmpdir(), 'tts-load-'));
  writeCertificateFiles(created, { directory: dir, baseName: 'app', password, writePasswordFile: false, force: false });
});

function failure(action: () => unknown): CertificateError {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error;
    throw error;
  }
  throw new Error('expected a CertificateError');
}

describe('loadClientCertificate', () => {
  it('loads the same certificate and key from the PFX and from the PEM pair', () => {
    const fromPfx = loadClientCertificate({ pfxPath: join(dir, 'app.pfx'), password });
    const fromPem = loadClientCertificate({ certPath: join(dir, 'app.pem'), keyPath: join(dir, 'app.key'), password });
    for (const loaded of [fromPfx, fromPem]) {
      expect(loaded.subject).toBe('CN=load test');
      expect(loaded.thumbprintSha1Hex).toBe(createHash('sha1').update(created.facts.der).digest('hex').toUpperCase());
      expect(loaded.thumbprintSha256Hex).toBe(
        createHash('sha256').update(created.facts.der).digest('hex').toUpperCase(),
      );
      expect(loaded.x5c).toEqual([created.facts.der.toString('base64')]);
      expect(loaded.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
      expect(loaded.notAfter).toEqual(created.facts.notAfter);
    }
    expect(fromPem.privateKeyPem).toBe(fromPfx.privateKeyPem);
  });

  it('gives a key that signs PS256 assertions the certificate verifies', () => {
    const loaded = loadClientCertificate({ pfxPath: join(dir, 'app.pfx'), password });
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
    const signature = sign('sha256', Buffer.from('header.payload'), { key: loaded.privateKeyPem, ...pss });
    const publicKey = createPublicKey(loaded.certificatePem);
    expect(verify('sha256', Buffer.from('header.payload'), { key: publicKey, ...pss }, signature)).toBe(true);
  });

  it('hands msal-node the SHA-256 thumbprint and the key, and the chain as PEM only when asked', () => {
    const loaded = loadClientCertificate({ pfxPath: join(dir, 'app.pfx'), password });
    expect(toMsalClientCertificate(loaded)).toEqual({
      thumbprintSha256: loaded.thumbprintSha256Hex,
      privateKey: loaded.privateKeyPem,
    });
    const withChain = toMsalClientCertificate(loaded, { includeX5c: true });
    expect(withChain.x5c).toBe(created.facts.pem);
  });

  it('names each problem with its own code and the file', () => {
    const missing = failure(() => loadClientCertificate({ pfxPath: join(dir, 'nope.pfx'), password }));
    expect(missing.code).toBe('CERT_FILE_UNREADABLE');
    expect(missing.message).toContain(join(dir, 'nope.pfx'));
    expect(missing.message).toMatch(/does not exist/);

    expect(failure(() => loadClientCertificate({ pfxPath: join(dir, 'app.pfx'), password: 'nope' })).code).toBe(
      'CERT_WRONG_PASSWORD',
    );
    expect(failure(() => loadClientCertificate({ pfxPath: join(dir, 'app.pem') })).code).toBe('CERT_NO_PRIVATE_KEY');
    expect(failure(() => loadClientCertificate({ pfxPath: join(dir, 'app.key'), password })).code).toBe(
      'CERT_NOT_A_CERTIFICATE',
    );

    const otherKey = join(dir, 'other.key');
    writeFileSync(
      otherKey,
      generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }),
    );
    const mismatch = failure(() => loadClientCertificate({ certPath: join(dir, 'app.pem'), keyPath: otherKey }));
    expect(mismatch.code).toBe('CERT_KEY_MISMATCH');
    expect(mismatch.file).toBe(otherKey);
  });
});

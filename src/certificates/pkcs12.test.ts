import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { CertificateError } from './certificate-error.ts';
import { createSelfSignedCertificate, type NewCertificate } from './create-certificate.ts';
import { looksLikePkcs12, readPkcs12 } from './pkcs12-read.ts';
import { writePkcs12 } from './pkcs12-write.ts';
import { keyMatchesCertificate } from './private-key.ts';

let created: NewCertificate;
let pfx: Buffer;

beforeAll(async () => {
  created = await createSelfSignedCertificate({ subject: 'CN=pkcs12 test', keyBits: 2048 });
  pfx = writePkcs12({
    certificateDer: created.facts.der,
    privateKey: created.privateKey,
    password: 'correct horse battery staple',
    friendlyName: 'CN=pkcs12 test',
  });
});

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error.code;
    throw error;
  }
  return undefined;
}

describe('PKCS#12 write and read', () => {
  it('round-trips the exact certificate bytes and the key', () => {
    expect(looksLikePkcs12(pfx)).toBe(true);
    const contents = readPkcs12(pfx, 'correct horse battery staple', 'test.pfx');
    expect(contents.certificates).toHaveLength(1);
    expect(contents.certificates[0]?.equals(created.facts.der)).toBe(true);
    expect(contents.privateKey && keyMatchesCertificate(contents.privateKey, created.facts.publicKey)).toBe(true);
  });

  it('tells a wrong password from a missing one and from a damaged file', () => {
    expect(codeOf(() => readPkcs12(pfx, 'wrong', 'test.pfx'))).toBe('CERT_WRONG_PASSWORD');
    expect(codeOf(() => readPkcs12(pfx, undefined, 'test.pfx'))).toBe('CERT_PASSWORD_REQUIRED');
    expect(codeOf(() => readPkcs12(pfx.subarray(0, pfx.length - 200), 'x', 'test.pfx'))).toBe('CERT_CORRUPT');
  });

  it('names the file in its errors', () => {
    expect(() => readPkcs12(pfx, 'wrong', '/etc/timetable-sync/app.pfx')).toThrow(/\/etc\/timetable-sync\/app\.pfx/);
  });

  it('reads a PFX without a password and one without a private key', () => {
    const certificate = forge.pki.certificateFromAsn1(
      forge.asn1.fromDer(forge.util.createBuffer(created.facts.der.toString('binary'))),
    );
    const certOnly = forge.pkcs12.toPkcs12Asn1(null, certificate, '', { algorithm: '3des' });
    const bytes = Buffer.from(forge.asn1.toDer(certOnly).getBytes(), 'binary');
    const contents = readPkcs12(bytes, undefined, 'cert-only.pfx');
    expect(contents.privateKey).toBeUndefined();
    expect(contents.certificates[0]?.equals(created.facts.der)).toBe(true);
  });

  it('refuses to write a password OpenSSL and Windows would read differently', () => {
    expect(() =>
      writePkcs12({
        certificateDer: created.facts.der,
        privateKey: created.privateKey,
        password: 'pässword',
        friendlyName: 'x',
      }),
    ).toThrow(/ASCII/);
  });
});

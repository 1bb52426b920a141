import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateError } from './certificate-error.ts';
import { keyMatchesCertificate, readPrivateKey } from './private-key.ts';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });

const formats: Record<string, string> = {
  'PKCS#8': privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
  'PKCS#1 (BEGIN RSA PRIVATE KEY)': privateKey.export({ type: 'pkcs1', format: 'pem' }) as string,
  'encrypted PKCS#8': privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'secret',
  }) as string,
  'legacy encrypted PKCS#1 (Proc-Type)': privateKey.export({
    type: 'pkcs1',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: 'secret',
  }) as string,
};

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof CertificateError) return error.code;
    throw error;
  }
  return undefined;
}

describe('readPrivateKey', () => {
  for (const [name, pem] of Object.entries(formats)) {
    it(`reads ${name}`, () => {
      const key = readPrivateKey(Buffer.from(pem), 'secret', 'key.pem');
      expect(keyMatchesCertificate(key, publicKey)).toBe(true);
      expect(keyMatchesCertificate(key, other.publicKey)).toBe(false);
    });
  }

  it('reads a DER key', () => {
    const der = privateKey.export({ type: 'pkcs8', format: 'der' });
    expect(keyMatchesCertificate(readPrivateKey(der, undefined, 'key.der'), publicKey)).toBe(true);
  });

  it('asks for the password of an encrypted key, and says when it is wrong', () => {
    for (const pem of [formats['encrypted PKCS#8'], formats['legacy encrypted PKCS#1 (Proc-Type)']] as string[]) {
      expect(codeOf(() => readPrivateKey(Buffer.from(pem), undefined, 'key.pem'))).toBe('CERT_PASSWORD_REQUIRED');
      expect(codeOf(() => readPrivateKey(Buffer.from(pem), 'wrong', 'key.pem'))).toBe('CERT_WRONG_PASSWORD');
    }
  });

  it('calls a damaged key damaged and a certificate no key', () => {
    const damaged = (formats['PKCS#8'] as string).replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
    expect(codeOf(() => readPrivateKey(Buffer.from(damaged), undefined, 'key.pem'))).toBe('CERT_CORRUPT');
    expect(codeOf(() => readPrivateKey(Buffer.from('hello'), undefined, 'notes.txt'))).toBe('CERT_NOT_A_KEY');
  });
});

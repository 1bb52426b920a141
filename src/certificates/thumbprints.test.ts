import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from './create-certificate.ts';
import { seedCertificatePem, thumbprints } from './thumbprints.ts';

describe('thumbprints', () => {
  it('spells the same hashes as hex, base64 and base64url', () => {
    const prints = thumbprints(Buffer.from('not really a certificate'));
    expect(Buffer.from(prints.sha1Hex, 'hex').toString('base64')).toBe(prints.sha1Base64);
    expect(Buffer.from(prints.sha256Hex, 'hex').toString('base64url')).toBe(prints.x5tS256);
    expect(Buffer.from(prints.sha1Base64, 'base64').toString('base64url')).toBe(prints.x5t);
    expect(prints.sha1Hex).toMatch(/^[0-9A-F]{40}$/);
    expect(prints.sha256Hex).toMatch(/^[0-9A-F]{64}$/);
  });
});

describe('seedCertificatePem', () => {
  it('gives the emulator seed the certificate alone, never the key', async () => {
    const { facts, privateKey } = await createSelfSignedCertificate({ subject: 'CN=seed', keyBits: 2048 });
    const combined = `${privateKey.export({ type: 'pkcs8', format: 'pem' })}${facts.pem}${facts.pem}`;
    expect(seedCertificatePem(combined)).toBe(facts.pem);
    expect(seedCertificatePem(facts.der)).toBe(facts.pem);
    expect(() => seedCertificatePem('no certificate here')).toThrow(/BEGIN CERTIFICATE/);
  });
});

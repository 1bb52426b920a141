import 'reflect-metadata';
import { createPublicKey, sign, verify } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate, defaultKeyBits, parseSubject } from './create-certificate.ts';

describe('createSelfSignedCertificate', () => {
  it('makes a self-signed RSA certificate with a SHA-256 signature, for signing only, valid for the years asked', async () => {
    const { facts, privateKey } = await createSelfSignedCertificate({
      subject: 'CN=University timetable-sync',
      years: 2,
    });
    expect(facts.subject).toBe('CN=University timetable-sync');
    expect(facts.selfSigned).toBe(true);
    expect(facts.keyType).toBe('rsa');
    expect(facts.keyBits).toBe(defaultKeyBits);
    const years = (facts.notAfter.getTime() - facts.notBefore.getTime()) / (365.25 * 24 * 3600 * 1000);
    expect(years).toBeCloseTo(2, 1);
    expect(facts.notBefore.getTime()).toBeLessThan(Date.now());

    const parsed = new x509.X509Certificate(facts.der);
    expect(parsed.signatureAlgorithm).toMatchObject({ name: 'RSASSA-PKCS1-v1_5', hash: { name: 'SHA-256' } });
    const usage = parsed.getExtension(x509.KeyUsagesExtension);
    expect(usage?.usages).toBe(x509.KeyUsageFlags.digitalSignature);
    expect(usage?.critical).toBe(true);

    const signature = sign('sha256', Buffer.from('probe'), privateKey);
    expect(verify('sha256', Buffer.from('probe'), createPublicKey(facts.pem), signature)).toBe(true);
  });

  it('uses the key size and dates it is given', async () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2021-01-01T00:00:00Z');
    const { facts } = await createSelfSignedCertificate({ subject: 'CN=x', keyBits: 2048, notBefore, notAfter });
    expect(facts.keyBits).toBe(2048);
    expect(facts.notBefore).toEqual(notBefore);
    expect(facts.notAfter).toEqual(notAfter);
  });

  it('never repeats a serial number', async () => {
    const [a, b] = await Promise.all([
      createSelfSignedCertificate({ subject: 'CN=x', keyBits: 2048 }),
      createSelfSignedCertificate({ subject: 'CN=x', keyBits: 2048 }),
    ]);
    expect(a.facts.serialNumber).not.toBe(b.facts.serialNumber);
  });

  it('refuses key sizes Entra or the docs do not support', async () => {
    await expect(createSelfSignedCertificate({ subject: 'CN=x', keyBits: 1024 })).rejects.toThrow(/key size/);
  });
});

describe('parseSubject', () => {
  it('accepts distinguished names and rejects plain text', () => {
    expect(parseSubject('CN=University timetable-sync')).toBe('CN=University timetable-sync');
    expect(parseSubject('CN=timetable-sync,O=Example University,C=NL')).toBe(
      'CN=timetable-sync, O=Example University, C=NL',
    );
    expect(() => parseSubject('University timetable-sync')).toThrow(/CN=University timetable-sync/);
    expect(() => parseSubject('CN=')).toThrow(TypeError);
    expect(() => parseSubject('NOPE=1')).toThrow(TypeError);
  });
});

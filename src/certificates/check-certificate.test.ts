import { describe, expect, it } from 'vitest';
import { type CheckableCertificate, checkCertificate } from './check-certificate.ts';

const now = new Date('2027-06-01T12:00:00Z');
const base: CheckableCertificate = {
  subject: 'CN=timetable-sync',
  notBefore: new Date('2026-06-01T00:00:00Z'),
  notAfter: new Date('2028-06-01T00:00:00Z'),
  keyType: 'rsa',
  keyBits: 3072,
};
const codes = (certificate: Partial<CheckableCertificate>) =>
  checkCertificate({ ...base, ...certificate }, now).map((f) => `${f.level} ${f.code}`);

describe('checkCertificate', () => {
  it('finds nothing wrong with a valid RSA certificate', () => {
    expect(codes({})).toEqual([]);
  });

  it('flags an expired certificate and one not valid yet as errors', () => {
    expect(codes({ notAfter: new Date('2027-05-31T00:00:00Z') })).toEqual(['error CERT_EXPIRED']);
    expect(codes({ notBefore: new Date('2027-06-02T00:00:00Z') })).toEqual(['error CERT_NOT_YET_VALID']);
  });

  it('warns within 30 days of expiry, and not before', () => {
    expect(codes({ notAfter: new Date('2027-06-30T00:00:00Z') })).toEqual(['warning CERT_EXPIRES_SOON']);
    expect(codes({ notAfter: new Date('2027-07-02T00:00:00Z') })).toEqual([]);
    const [finding] = checkCertificate({ ...base, notAfter: new Date('2027-06-11T12:00:00Z') }, now);
    expect(finding?.message).toContain('expires in 10 days (2027-06-11T12:00:00Z)');
  });

  it('flags keys Entra refuses', () => {
    expect(codes({ keyBits: 1024 })).toEqual(['error CERT_KEY_TOO_SMALL']);
    expect(codes({ keyType: 'ec', keyBits: 256 })).toEqual(['error CERT_KEY_NOT_RSA']);
  });
});

// Checks a readable certificate against what Microsoft Entra will accept today: validity dates, RSA, key size.
// Returns findings instead of throwing, so the doctor and `cert inspect` can show every one of them.
import { isoSeconds } from './iso-seconds.ts';

export type CertificateFindingCode =
  | 'CERT_EXPIRED'
  | 'CERT_NOT_YET_VALID'
  | 'CERT_EXPIRES_SOON'
  | 'CERT_KEY_NOT_RSA'
  | 'CERT_KEY_TOO_SMALL';

export interface CertificateFinding {
  /** `error`: sign-in will fail; `warning`: it works today but needs attention. */
  readonly level: 'error' | 'warning';
  readonly code: CertificateFindingCode;
  readonly message: string;
}

export interface CheckableCertificate {
  readonly subject: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly keyType: string;
  readonly keyBits: number | undefined;
}

const day = 24 * 3600 * 1000;
export const expiryWarningDays = 30;

export function checkCertificate(certificate: CheckableCertificate, now: Date = new Date()): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  const name = `The certificate "${certificate.subject}"`;
  const renew = 'create a new one (timetable-sync cert create), register it on the app, then switch to it';
  if (now < certificate.notBefore) {
    findings.push({
      level: 'error',
      code: 'CERT_NOT_YET_VALID',
      message: `${name} is not valid before ${isoSeconds(certificate.notBefore)}: check this machine's clock, or wait.`,
    });
  } else if (now > certificate.notAfter) {
    findings.push({
      level: 'error',
      code: 'CERT_EXPIRED',
      message: `${name} expired on ${isoSeconds(certificate.notAfter)}: ${renew}.`,
    });
  } else {
    const daysLeft = Math.floor((certificate.notAfter.getTime() - now.getTime()) / day);
    if (daysLeft < expiryWarningDays) {
      findings.push({
        level: 'warning',
        code: 'CERT_EXPIRES_SOON',
        message: `${name} expires in ${daysLeft} day${daysLeft === 1 ? '' : 's'} (${isoSeconds(certificate.notAfter)}): ${renew}.`,
      });
    }
  }
  if (certificate.keyType !== 'rsa') {
    findings.push({
      level: 'error',
      code: 'CERT_KEY_NOT_RSA',
      message: `${name} has a ${certificate.keyType.toUpperCase()} key; signing in to Microsoft Entra with a certificate (PS256) needs an RSA key: create one with timetable-sync cert create.`,
    });
  } else if (certificate.keyBits !== undefined && certificate.keyBits < 2048) {
    findings.push({
      level: 'error',
      code: 'CERT_KEY_TOO_SMALL',
      message: `${name} has a ${certificate.keyBits}-bit RSA key; Microsoft Entra rejects keys under 2048 bits (AADSTS700027): create a new one with timetable-sync cert create.`,
    });
  }
  return findings;
}

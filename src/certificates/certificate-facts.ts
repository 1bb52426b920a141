// What an admin needs to know about one certificate: who it names, when it is valid, its key and its thumbprints.
import { type KeyObject, X509Certificate } from 'node:crypto';
import { type Thumbprints, thumbprints } from './thumbprints.ts';

export interface CertificateFacts {
  /** The exact DER bytes: every thumbprint is a hash of these. */
  readonly der: Buffer;
  readonly pem: string;
  /** Distinguished names in the certificate's own order, e.g. `CN=University timetable-sync`. */
  readonly subject: string;
  readonly issuer: string;
  /** Upper-case hex. */
  readonly serialNumber: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly selfSigned: boolean;
  readonly publicKey: KeyObject;
  /** `rsa`, `rsa-pss`, `ec`, … (node:crypto's names). */
  readonly keyType: string;
  /** Modulus length for RSA keys, curve size for EC keys. */
  readonly keyBits: number | undefined;
  readonly thumbprints: Thumbprints;
}

/** Throws node:crypto's error when `der` is not an X.509 certificate; callers turn that into a CertificateError. */
export function describeCertificate(der: Uint8Array): CertificateFacts {
  const certificate = new X509Certificate(der);
  const raw = certificate.raw;
  const details = certificate.publicKey.asymmetricKeyDetails;
  return {
    der: raw,
    pem: certificate.toString(),
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    serialNumber: certificate.serialNumber.toUpperCase(),
    notBefore: certificate.validFromDate,
    notAfter: certificate.validToDate,
    // By name: node's checkIssued also wants keyCertSign, which a sign-in certificate rightly lacks.
    selfSigned: certificate.subject === certificate.issuer,
    publicKey: certificate.publicKey,
    keyType: certificate.publicKey.asymmetricKeyType ?? 'unknown',
    keyBits: details?.modulusLength ?? curveBits(details?.namedCurve),
    thumbprints: thumbprints(raw),
  };
}

// node:crypto lists one attribute per line.
function distinguishedName(lines: string): string {
  return lines.split('\n').filter(Boolean).join(', ');
}

function curveBits(curve: string | undefined): number | undefined {
  const bits = curve ? /(\d{3})/.exec(curve)?.[1] : undefined;
  return bits ? Number(bits) : undefined;
}

// The text `cert create` and `cert inspect` print: the facts an admin compares with the Entra admin center, what
// is wrong, and how to register the certificate on the app registration.
import type { CertificateFacts } from './certificate-facts.ts';
import type { CertificateFinding } from './check-certificate.ts';
import { isoSeconds } from './iso-seconds.ts';
import type { KeyCredentials } from './key-credential.ts';

/** `matches` / `mismatch`: a key was given and compared; `absent`: no key to compare. */
export type KeyStatus = 'matches' | 'mismatch' | 'absent';

const day = 24 * 3600 * 1000;

export function formatCertificateFacts(facts: CertificateFacts, now: Date = new Date()): string {
  const left = Math.floor((facts.notAfter.getTime() - now.getTime()) / day);
  const remaining = left >= 0 ? `${left} days from now` : `${-left} days ago`;
  const { thumbprints } = facts;
  return [
    `subject             ${facts.subject}`,
    `issuer              ${facts.selfSigned ? `${facts.issuer} (self-signed)` : facts.issuer}`,
    `serial number       ${facts.serialNumber}`,
    `not before          ${isoSeconds(facts.notBefore)}`,
    `not after           ${isoSeconds(facts.notAfter)} (${remaining})`,
    `key                 ${facts.keyType.toUpperCase()}${facts.keyBits ? ` ${facts.keyBits} bits` : ''}`,
    `SHA-1 thumbprint    ${thumbprints.sha1Hex}`,
    `                    ${thumbprints.sha1Base64} (base64)`,
    `SHA-256 thumbprint  ${thumbprints.sha256Hex}`,
    `                    ${thumbprints.sha256Base64} (base64)`,
  ].join('\n');
}

/** The facts as `--json` prints them (the key object and raw bytes left out). */
export function certificateJson(facts: CertificateFacts) {
  const { subject, issuer, serialNumber, notBefore, notAfter, selfSigned, keyType, keyBits, thumbprints, pem } = facts;
  return { subject, issuer, serialNumber, notBefore, notAfter, selfSigned, keyType, keyBits, thumbprints, pem };
}

export function formatKeyStatus(status: KeyStatus, hint: string): string {
  const text =
    status === 'matches'
      ? 'matches the certificate'
      : status === 'mismatch'
        ? 'DOES NOT MATCH the certificate (their public keys differ)'
        : `not checked: ${hint}`;
  return `private key         ${text}`;
}

export function formatFindings(findings: readonly CertificateFinding[]): string {
  if (findings.length === 0) return 'checks              valid now, RSA key of an accepted size';
  return findings.map((f) => `${f.level === 'error' ? 'ERROR  ' : 'WARNING'} ${f.code}: ${f.message}`).join('\n');
}

/** `upload`: what to upload, e.g. the .cer path (a .pfx must not be uploaded: it holds the private key). */
export function formatRegistration(upload: string, credentials: KeyCredentials): string {
  return [
    'Register the certificate on the app registration, one of:',
    '',
    `  a) Upload ${upload}: Microsoft Entra admin center (https://entra.microsoft.com) > Entra ID >`,
    '     App registrations > (your app) > Certificates & secrets > Certificates > Upload certificate.',
    '',
    '  b) Or add this entry to the "keyCredentials" array in App registrations > (your app) > Manifest',
    '     (Microsoft Graph format, the default there; keep the entries already in the array):',
    '',
    indent(JSON.stringify(credentials.graph, null, 2), 6),
    '',
    '     In the older "AAD Graph app manifest" format the same entry names the certificate "value":',
    '',
    indent(JSON.stringify(credentials.aadGraph, null, 2), 6),
    '',
    'Changes can take a few minutes to reach every Entra sign-in server; keep the old certificate registered',
    'until timetable-sync runs with the new one (see docs/certificates.md, "Rotating").',
  ].join('\n');
}

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => pad + line)
    .join('\n');
}

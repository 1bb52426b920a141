// The `keyCredentials` entry that registers a certificate on an app registration without the upload button: for
// the app manifest (Microsoft Graph format, what the Entra admin center's Manifest page shows today, and the body of
// PATCH /applications/{id}) and for the older Azure AD Graph manifest format, which names the certificate `value`.
import { randomUUID } from 'node:crypto';
import type { CertificateFacts } from './certificate-facts.ts';
import { isoSeconds } from './iso-seconds.ts';

interface KeyCredentialBase {
  /** Base64 of the SHA-1 thumbprint bytes: what Entra fills in itself when a certificate is uploaded. */
  readonly customKeyIdentifier: string;
  readonly displayName: string;
  readonly startDateTime: string;
  readonly endDateTime: string;
  /** A new GUID per registration. */
  readonly keyId: string;
  readonly type: 'AsymmetricX509Cert';
  readonly usage: 'Verify';
}

/** Microsoft Graph format: the base64 DER certificate is `key`. */
export interface GraphKeyCredential extends KeyCredentialBase {
  readonly key: string;
}

/** Azure AD Graph (legacy manifest) format: the base64 DER certificate is `value`. */
export interface AadGraphKeyCredential extends KeyCredentialBase {
  readonly value: string;
}

export interface KeyCredentials {
  readonly graph: GraphKeyCredential;
  readonly aadGraph: AadGraphKeyCredential;
}

export function keyCredentials(certificate: CertificateFacts, keyId: string = randomUUID()): KeyCredentials {
  const base: KeyCredentialBase = {
    customKeyIdentifier: certificate.thumbprints.sha1Base64,
    displayName: certificate.subject.slice(0, 90),
    startDateTime: isoSeconds(certificate.notBefore),
    endDateTime: isoSeconds(certificate.notAfter),
    keyId,
    type: 'AsymmetricX509Cert',
    usage: 'Verify',
  };
  const der = certificate.der.toString('base64');
  return { graph: { ...base, key: der }, aadGraph: { ...base, value: der } };
}

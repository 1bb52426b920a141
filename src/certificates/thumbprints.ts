// Thumbprints of a certificate (hashes of its DER bytes) in every spelling Microsoft uses, and the PEM an emulator
// seed lists under `applications[].certificates`.
import { createHash, X509Certificate } from 'node:crypto';

export interface Thumbprints {
  /** Upper-case hex, what Windows and the Entra admin center show (and msal-node's `thumbprint`). */
  readonly sha1Hex: string;
  /** Upper-case hex SHA-256: msal-node's `thumbprintSha256`. */
  readonly sha256Hex: string;
  /** Base64 of the hash bytes: the manifest's `customKeyIdentifier` is `sha1Base64`. */
  readonly sha1Base64: string;
  readonly sha256Base64: string;
  /** Base64url of the hash bytes: the client assertion's `x5t` (RS256) and `x5t#S256` (PS256) headers. */
  readonly x5t: string;
  readonly x5tS256: string;
}

export function thumbprints(der: Uint8Array): Thumbprints {
  const sha1 = createHash('sha1').update(der).digest();
  const sha256 = createHash('sha256').update(der).digest();
  return {
    sha1Hex: sha1.toString('hex').toUpperCase(),
    sha256Hex: sha256.toString('hex').toUpperCase(),
    sha1Base64: sha1.toString('base64'),
    sha256Base64: sha256.toString('base64'),
    x5t: sha1.toString('base64url'),
    x5tS256: sha256.toString('base64url'),
  };
}

/**
 * The certificate to put in an emulator seed's `applications[].certificates`: the first certificate of a PEM text
 * (which may also hold a key or a chain) or of DER bytes, re-encoded as one clean PEM block. Never the key.
 */
export function seedCertificatePem(certificate: string | Uint8Array): string {
  if (typeof certificate === 'string') {
    const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(certificate);
    if (!block) throw new TypeError('no "BEGIN CERTIFICATE" block in the text given');
    return new X509Certificate(block[0]).toString();
  }
  return new X509Certificate(certificate).toString();
}

// Loads the certificate the app signs in with (PFX + password, or PEM certificate + key) into the shape msal-node's
// `clientCertificate` wants. The private key stays in memory, unencrypted, and is never written anywhere.
import { CertificateError } from './certificate-error.ts';
import type { CertificateFacts } from './certificate-facts.ts';
import { keyMatchesCertificate, keyMismatch, readPrivateKey, toPkcs8Pem } from './private-key.ts';
import { readCertificateFile, readFileBytes } from './read-certificate-file.ts';

export type ClientCertificateSource =
  | { readonly pfxPath: string; readonly password?: string }
  | { readonly certPath: string; readonly keyPath: string; readonly password?: string };

export interface ClientCertificate {
  /** The certificate (the one the key belongs to), PEM. */
  readonly certificatePem: string;
  /** PKCS#8 PEM, unencrypted: keep it in memory only. */
  readonly privateKeyPem: string;
  /** Upper-case hex SHA-1 / SHA-256 of the DER certificate. */
  readonly thumbprintSha1Hex: string;
  readonly thumbprintSha256Hex: string;
  /** Base64 DER certificates, this one first, then its issuers (the JWT `x5c` header's contents). */
  readonly x5c: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly subject: string;
  /** Everything else known about the certificate (issuer, key size, all thumbprint spellings). */
  readonly facts: CertificateFacts;
}

/** msal-node 7's `auth.clientCertificate`: it signs with PS256 and sends `x5t#S256`; `x5c` there is PEM text. */
export interface MsalClientCertificate {
  readonly thumbprintSha256: string;
  readonly privateKey: string;
  readonly x5c?: string;
}

export function loadClientCertificate(source: ClientCertificateSource): ClientCertificate {
  const certificateFile = readCertificateFile('pfxPath' in source ? source.pfxPath : source.certPath, source.password);
  const [leaf] = certificateFile.certificates;
  if (!leaf) throw new Error(`unreachable: ${certificateFile.file} read without a certificate`);
  let privateKey = certificateFile.privateKey;
  let keyFile = certificateFile.file;
  if ('keyPath' in source) {
    keyFile = source.keyPath;
    privateKey = readPrivateKey(readFileBytes(source.keyPath, 'private key file'), source.password, source.keyPath);
  }
  if (!privateKey) {
    throw new CertificateError(
      'CERT_NO_PRIVATE_KEY',
      certificateFile.file,
      certificateFile.format === 'pkcs12'
        ? `${certificateFile.file} holds the certificate but not its private key. Export it again including the ` +
            'private key (Windows: "Yes, export the private key"; OpenSSL: pkcs12 -export -inkey key.pem).'
        : `${certificateFile.file} holds no private key: give the key file as well (certificate: {cert, key}).`,
    );
  }
  if (!keyMatchesCertificate(privateKey, leaf.publicKey)) throw keyMismatch(keyFile, certificateFile.file);
  return {
    certificatePem: leaf.pem,
    privateKeyPem: toPkcs8Pem(privateKey),
    thumbprintSha1Hex: leaf.thumbprints.sha1Hex,
    thumbprintSha256Hex: leaf.thumbprints.sha256Hex,
    x5c: certificateFile.certificates.map((c) => c.der.toString('base64')),
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    subject: leaf.subject,
    facts: leaf,
  };
}

/**
 * The value for msal-node's `auth.clientCertificate`. `x5c` (the chain in the JWT header) is only needed for
 * subject-name/issuer authentication; Entra ignores it for certificates registered on the app, so it is opt-in.
 */
export function toMsalClientCertificate(
  certificate: ClientCertificate,
  options: { readonly includeX5c?: boolean } = {},
): MsalClientCertificate {
  const base = { thumbprintSha256: certificate.thumbprintSha256Hex, privateKey: certificate.privateKeyPem };
  if (!options.includeX5c) return base;
  const pem = certificate.x5c.map((der) => `-----BEGIN CERTIFICATE-----\n${wrap(der)}\n-----END CERTIFICATE-----\n`);
  return { ...base, x5c: pem.join('') };
}

function wrap(base64: string): string {
  return base64.replace(/(.{64})(?=.)/g, '$1\n');
}

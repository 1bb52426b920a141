// Reads any certificate file an admin is likely to hold (.cer/.crt DER or PEM, .pem with chain and key, .pfx/.p12,
// base64 without PEM lines) without trusting the extension: the contents decide.

import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { CertificateError, unreadableFile } from './certificate-error.ts';
import { type CertificateFacts, describeCertificate } from './certificate-facts.ts';
import { certificateLabels, isPrivateKeyLabel, pemBlocks } from './pem-blocks.ts';
import { looksLikePkcs12, readPkcs12 } from './pkcs12-read.ts';
import { keyMatchesCertificate, readPrivateKey } from './private-key.ts';

export interface CertificateFile {
  readonly file: string;
  readonly format: 'pem' | 'der' | 'pkcs12';
  /** The certificate the key belongs to (or the first one) first, then the rest of the chain. */
  readonly certificates: readonly CertificateFacts[];
  /** The key stored in the same file (a PFX, or a PEM holding both), if any. */
  readonly privateKey: KeyObject | undefined;
}

export function readFileBytes(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw unreadableFile(file, what, error);
  }
}

export function readCertificateFile(file: string, password?: string): CertificateFile {
  const bytes = readFileBytes(file, 'certificate file');
  const text = bytes.toString('latin1');
  if (text.includes('-----BEGIN ')) return fromPem(bytes, text, password, file);
  const der = derCertificate(bytes) ?? derCertificate(base64Body(text));
  if (der) return { file, format: 'der', certificates: [der], privateKey: undefined };
  const pfxBytes = looksLikePkcs12(bytes) ? bytes : base64Body(text);
  if (pfxBytes && looksLikePkcs12(pfxBytes)) {
    const { certificates, privateKey } = readPkcs12(pfxBytes, password, file);
    if (certificates.length === 0) {
      throw new CertificateError(
        'CERT_NOT_A_CERTIFICATE',
        file,
        `${file} is a PKCS#12 file without a certificate in it. Export it again with the certificate included.`,
      );
    }
    const facts = certificates.map(describeCertificate);
    return { file, format: 'pkcs12', certificates: keyOwnerFirst(facts, privateKey), privateKey };
  }
  throw notACertificate(file);
}

function fromPem(bytes: Buffer, text: string, password: string | undefined, file: string): CertificateFile {
  const blocks = pemBlocks(text);
  const certificates: CertificateFacts[] = [];
  for (const block of blocks.filter((b) => certificateLabels.includes(b.label))) {
    const facts = derCertificate(block.der);
    if (!facts) {
      throw new CertificateError(
        'CERT_CORRUPT',
        file,
        `${file} has a damaged "BEGIN ${block.label}" block. Copy the file again or export it again.`,
      );
    }
    certificates.push(facts);
  }
  const hasKey = blocks.some((b) => isPrivateKeyLabel(b.label));
  if (certificates.length === 0) {
    throw hasKey
      ? new CertificateError(
          'CERT_NOT_A_CERTIFICATE',
          file,
          `${file} holds a private key but no certificate. Give the certificate file (.pem/.cer) and this file as the key.`,
        )
      : notACertificate(file);
  }
  const privateKey = hasKey ? readPrivateKey(bytes, password, file) : undefined;
  return { file, format: 'pem', certificates: keyOwnerFirst(certificates, privateKey), privateKey };
}

function keyOwnerFirst(certificates: CertificateFacts[], key: KeyObject | undefined): CertificateFacts[] {
  const owner = key ? certificates.findIndex((c) => keyMatchesCertificate(key, c.publicKey)) : -1;
  return owner > 0
    ? [certificates[owner] as CertificateFacts, ...certificates.filter((_, i) => i !== owner)]
    : certificates;
}

function derCertificate(bytes: Buffer | undefined): CertificateFacts | undefined {
  if (!bytes || bytes.length === 0 || bytes[0] !== 0x30) return undefined;
  try {
    return describeCertificate(bytes);
  } catch {
    return undefined; // not a certificate: the caller tries the other formats and reports when none fits
  }
}

// Some tools save a .cer as bare base64 (no BEGIN/END lines).
function base64Body(text: string): Buffer | undefined {
  const compact = text.replace(/\s+/g, '');
  return /^[A-Za-z0-9+/]+={0,2}$/.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

function notACertificate(file: string): CertificateError {
  return new CertificateError(
    'CERT_NOT_A_CERTIFICATE',
    file,
    `${file} is not a certificate: expected a .cer/.crt/.pem certificate (DER or PEM) or a .pfx/.p12 file. ` +
      'If it is a .pfx, it may be damaged: copy it again in binary mode.',
  );
}

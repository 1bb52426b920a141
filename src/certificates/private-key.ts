// Reads a private key (PKCS#8, PKCS#1 "RSA PRIVATE KEY", encrypted PKCS#8, OpenSSL's legacy encrypted PEM, or
// DER) through node:crypto, and checks that it belongs to a certificate.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from './certificate-error.ts';
import { isPrivateKeyLabel, type PemBlock, pemBlocks } from './pem-blocks.ts';

/** Reads the first private key in `contents` (PEM text or DER bytes) of `file`. */
export function readPrivateKey(contents: Buffer, password: string | undefined, file: string): KeyObject {
  const block = pemBlocks(contents.toString('latin1')).find((b) => isPrivateKeyLabel(b.label));
  if (block) return readPemKey(block, password, file);
  for (const type of ['pkcs8', 'pkcs1'] as const) {
    const key = tryDerKey(contents, type, password);
    if (key) return key;
  }
  throw new CertificateError(
    'CERT_NOT_A_KEY',
    file,
    `${file} holds no private key (expected a PEM "BEGIN PRIVATE KEY", "BEGIN RSA PRIVATE KEY" or ` +
      '"BEGIN ENCRYPTED PRIVATE KEY" block). Give the key file that was created together with the certificate.',
  );
}

function readPemKey(block: PemBlock, password: string | undefined, file: string): KeyObject {
  const encrypted = block.label === 'ENCRYPTED PRIVATE KEY' || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
  if (encrypted && password === undefined) {
    throw new CertificateError(
      'CERT_PASSWORD_REQUIRED',
      file,
      `The private key ${file} is encrypted: give the file that holds its password (--password-file, or passwordFile in the configuration).`,
    );
  }
  try {
    return createPrivateKey(encrypted ? { key: block.text, passphrase: password as string } : block.text);
  } catch (error) {
    if (encrypted && isWellFormed(block)) {
      throw new CertificateError(
        'CERT_WRONG_PASSWORD',
        file,
        `The password does not decrypt the private key ${file}: check the password file belongs to this key.`,
        { cause: error },
      );
    }
    throw new CertificateError(
      'CERT_CORRUPT',
      file,
      `The private key ${file} is damaged (${(error as Error).message}). Use the key file that was created together with the certificate.`,
      { cause: error },
    );
  }
}

// A block that is intact failed to decrypt because of the password, not because the file is damaged. PKCS#8's
// body is DER; OpenSSL's legacy "Proc-Type" body is raw ciphertext, whole cipher blocks.
function isWellFormed(block: PemBlock): boolean {
  if (block.label !== 'ENCRYPTED PRIVATE KEY') return block.der.length > 0 && block.der.length % 8 === 0;
  try {
    forge.asn1.fromDer(forge.util.createBuffer(block.der.toString('binary')));
    return true;
  } catch {
    return false; // the answer to the question asked: the body is not DER
  }
}

function tryDerKey(der: Buffer, type: 'pkcs8' | 'pkcs1', password: string | undefined): KeyObject | undefined {
  try {
    return createPrivateKey({ key: der, format: 'der', type, ...(password ? { passphrase: password } : {}) });
  } catch {
    return undefined; // not this encoding; the caller tries the next and reports when none fits
  }
}

/** True when `privateKey` is the key of the certificate whose public key is `publicKey` (SPKI bytes compared). */
export function keyMatchesCertificate(privateKey: KeyObject, publicKey: KeyObject): boolean {
  const fromPrivate = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return fromPrivate.equals(publicKey.export({ type: 'spki', format: 'der' }));
}

export function keyMismatch(keyFile: string, certificateFile: string): CertificateError {
  return new CertificateError(
    'CERT_KEY_MISMATCH',
    keyFile,
    `The private key ${keyFile} does not belong to the certificate ${certificateFile} (their public keys differ). ` +
      'Use the key created together with this certificate, or register the certificate that belongs to this key.',
  );
}

export function toPkcs8Pem(key: KeyObject): string {
  return key.export({ type: 'pkcs8', format: 'pem' }) as string;
}

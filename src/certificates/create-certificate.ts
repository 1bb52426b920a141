// Makes the self-signed certificate an app signs in with: RSA (3072 bits by default), SHA-256 signature, key usage
// digitalSignature, client-authentication purpose. Through @peculiar/x509 on node's WebCrypto.
import 'reflect-metadata';
import { createPrivateKey, type KeyObject, randomBytes, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { type CertificateFacts, describeCertificate } from './certificate-facts.ts';

export const defaultKeyBits = 3072;
export const allowedKeyBits: readonly number[] = [2048, 3072, 4096];

export interface NewCertificateOptions {
  /** A distinguished name, e.g. `CN=University timetable-sync` (see parseSubject). */
  readonly subject: string;
  readonly keyBits?: number;
  /** Default: ten minutes ago, so a slightly slow clock elsewhere still accepts it. */
  readonly notBefore?: Date;
  /** Default: `years` after notBefore. */
  readonly notAfter?: Date;
  readonly years?: number;
}

export interface NewCertificate {
  readonly facts: CertificateFacts;
  readonly privateKey: KeyObject;
}

/** The subject in canonical form, or a TypeError saying what a subject looks like. */
export function parseSubject(subject: string): string {
  let name: x509.Name;
  try {
    name = new x509.Name(subject);
  } catch (error) {
    throw new TypeError(`"${subject}" is not a distinguished name (${(error as Error).message})`);
  }
  const attributes = name.toJSON().flatMap((rdn) => Object.values(rdn).flat());
  if (attributes.length === 0 || attributes.some((value) => value.trim() === '')) {
    throw new TypeError(`"${subject}" is not a distinguished name: write it as CN=University timetable-sync`);
  }
  return name.toString();
}

export async function createSelfSignedCertificate(options: NewCertificateOptions): Promise<NewCertificate> {
  const keyBits = options.keyBits ?? defaultKeyBits;
  if (!allowedKeyBits.includes(keyBits)) throw new TypeError(`key size must be one of ${allowedKeyBits.join(', ')}`);
  const algorithm = {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: keyBits,
  };
  const keys = await webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  const notBefore = options.notBefore ?? new Date(Date.now() - 10 * 60 * 1000);
  const notAfter = options.notAfter ?? addYears(notBefore, options.years ?? 2);
  // @peculiar/x509 types the provider with the DOM's Crypto, which this Node-only project does not load.
  const crypto = webcrypto as never;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: parseSubject(options.subject),
      keys: keys as never,
      serialNumber: serialNumber(),
      notBefore,
      notAfter,
      signingAlgorithm: algorithm,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey as never, false, crypto),
      ],
    },
    crypto,
  );
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return {
    facts: describeCertificate(new Uint8Array(certificate.rawData)),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  };
}

// 16 random bytes, first bit clear and first byte not zero: a positive integer in minimal form (RFC 5280).
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] as number) & 0x7f || 0x01;
  return bytes.toString('hex');
}

function addYears(date: Date, years: number): Date {
  const result = new Date(date);
  result.setUTCFullYear(result.getUTCFullYear() + years);
  return result;
}

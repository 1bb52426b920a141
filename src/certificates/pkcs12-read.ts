// Opens a PKCS#12 (.pfx/.p12) file with node-forge: the legacy protection (RC2/3DES, SHA-1 MAC) and the modern one
// (PBES2 AES-256, SHA-256 MAC: OpenSSL 3's default and Windows' AES256-SHA256 export).
import { createPrivateKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { CertificateError } from './certificate-error.ts';
import { isPortablePfxPassword } from './pkcs12-write.ts';

export interface Pkcs12Contents {
  /** DER certificates in file order, exactly the bytes stored. */
  readonly certificates: readonly Buffer[];
  readonly privateKey: KeyObject | undefined;
}

const { asn1, pki } = forge;

/** True when `bytes` start like a PFX (SEQUENCE { INTEGER 3, … }); used to tell a damaged PFX from another file. */
export function looksLikePkcs12(bytes: Uint8Array): boolean {
  const header = Buffer.from(bytes.subarray(0, 10)).toString('hex');
  return /^30(8[1-4](?:..){1,4}|[0-7].)020103/.test(header);
}

export function readPkcs12(bytes: Uint8Array, password: string | undefined, file: string): Pkcs12Contents {
  let pfxAsn1: forge.asn1.Asn1;
  try {
    pfxAsn1 = asn1.fromDer(forge.util.createBuffer(Buffer.from(bytes).toString('binary')));
  } catch (error) {
    throw new CertificateError(
      'CERT_CORRUPT',
      file,
      `${file} is not a readable PKCS#12 (.pfx) file: it is damaged or truncated (${(error as Error).message}). ` +
        'Copy it again in binary mode, or export it again.',
      { cause: error },
    );
  }
  const pfx = openPfx(pfxAsn1, password, file);
  const keyBag = bagsOf(pfx, pki.oids.pkcs8ShroudedKeyBag).concat(bagsOf(pfx, pki.oids.keyBag))[0];
  return {
    certificates: bagsOf(pfx, pki.oids.certBag).map(certificateDer),
    privateKey: keyBag ? privateKeyOf(keyBag) : undefined,
  };
}

// Without a password given, try the two spellings of "no password" (empty BMPString and none at all): both occur.
function openPfx(pfxAsn1: forge.asn1.Asn1, password: string | undefined, file: string): forge.pkcs12.Pkcs12Pfx {
  const attempts: (string | null)[] = password === undefined ? ['', null] : [password];
  let last: unknown;
  for (const attempt of attempts) {
    try {
      return forge.pkcs12.pkcs12FromAsn1(pfxAsn1, false, attempt as string);
    } catch (error) {
      last = error;
    }
  }
  if (password !== undefined && !isPortablePfxPassword(password) && macPassed(pfxAsn1, last)) {
    try {
      return withUtf8Password(pfxAsn1, password);
    } catch (error) {
      last = error;
    }
  }
  throw pkcs12Error(last, password, file);
}

// forge's MAC check comes first; a later decryption failure means the MAC, and so the password, was right.
function macPassed(pfxAsn1: forge.asn1.Asn1, error: unknown): boolean {
  return Array.isArray(pfxAsn1.value) && pfxAsn1.value.length > 2 && isDecryptFailure(error);
}

// node-forge derives PBES2 keys from the password's UTF-16 code units cut to bytes, while OpenSSL and Windows use
// UTF-8. The MAC (which forge derives correctly) having passed, decrypt once more with the UTF-8 bytes, MAC left off.
function withUtf8Password(pfxAsn1: forge.asn1.Asn1, password: string): forge.pkcs12.Pkcs12Pfx {
  const [version, authSafe] = pfxAsn1.value as forge.asn1.Asn1[];
  const parts = [version, authSafe] as forge.asn1.Asn1[];
  const withoutMac = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, parts);
  return forge.pkcs12.pkcs12FromAsn1(withoutMac, false, Buffer.from(password, 'utf8').toString('binary'));
}

function isDecryptFailure(error: unknown): boolean {
  return /decrypt/i.test((error as Error).message) && !/MAC/.test((error as Error).message);
}

function pkcs12Error(error: unknown, password: string | undefined, file: string): CertificateError {
  const message = (error as Error).message;
  if (/MAC could not be verified/.test(message) || isDecryptFailure(error)) {
    return password === undefined
      ? new CertificateError(
          'CERT_PASSWORD_REQUIRED',
          file,
          `${file} is protected by a password: give the file that holds it (--password-file, or passwordFile in the configuration).`,
          { cause: error },
        )
      : new CertificateError(
          'CERT_WRONG_PASSWORD',
          file,
          `The password does not open ${file}: check the password file belongs to this certificate ` +
            '(no extra spaces; one trailing newline is ignored).',
          { cause: error },
        );
  }
  if (/unsupported|Only PKCS#12|not supported/i.test(message)) {
    return new CertificateError(
      'CERT_UNSUPPORTED',
      file,
      `${file} uses a PKCS#12 feature timetable-sync cannot read (${message}). Export it again with ` +
        '"openssl pkcs12 -export" (AES-256) or from Windows with "Export-PfxCertificate -CryptoAlgorithmOption AES256_SHA256".',
      { cause: error },
    );
  }
  return new CertificateError(
    'CERT_CORRUPT',
    file,
    `${file} is a damaged PKCS#12 (.pfx) file (${message}). Export it again.`,
    {
      cause: error,
    },
  );
}

function bagsOf(pfx: forge.pkcs12.Pkcs12Pfx, type: string | undefined): forge.pkcs12.Bag[] {
  return type === undefined ? [] : (pfx.getBags({ bagType: type })[type] ?? []);
}

// Rebuild the certificate from the bytes forge kept (the signed part and the signature algorithm inside it) rather
// than from parsed fields: the thumbprint is a hash of the exact bytes, and one changed byte breaks sign-in.
function certificateDer(bag: forge.pkcs12.Bag): Buffer {
  if (!bag.cert) return Buffer.from(asn1.toDer(bag.asn1).getBytes(), 'binary');
  const cert = bag.cert as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1 };
  const tbs = cert.tbsCertificate;
  const fields = tbs.value as forge.asn1.Asn1[];
  const hasVersion = fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC;
  const signatureAlgorithm = fields[hasVersion ? 2 : 1] as forge.asn1.Asn1;
  const certificate = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    tbs,
    signatureAlgorithm,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\u0000${cert.signature as string}`),
  ]);
  return Buffer.from(asn1.toDer(certificate).getBytes(), 'binary');
}

function privateKeyOf(bag: forge.pkcs12.Bag): KeyObject {
  // forge parses RSA keys; other key types (EC from Windows CNG) come back as their PrivateKeyInfo.
  const info = bag.key ? pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(bag.key)) : bag.asn1;
  return createPrivateKey({ key: Buffer.from(asn1.toDer(info).getBytes(), 'binary'), format: 'der', type: 'pkcs8' });
}

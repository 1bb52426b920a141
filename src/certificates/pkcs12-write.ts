// Writes a PKCS#12 (.pfx) file that OpenSSL 3 and Windows 10 1709+/Server 2019+ open: the key shrouded with PBES2
// (PBKDF2-HMAC-SHA256, AES-256-CBC) and the whole file sealed with an HMAC-SHA256 MAC, as OpenSSL 3 does by default.
import { type KeyObject, randomBytes } from 'node:crypto';
import forge from 'node-forge';

const { asn1, pki } = forge;
// OpenSSL 3's default iteration count for both the key encryption and the MAC.
const iterations = 2048;

export interface Pkcs12Input {
  readonly certificateDer: Uint8Array;
  readonly privateKey: KeyObject;
  /** Printable ASCII only: forge derives AES keys from the password's bytes as Latin-1, OpenSSL as UTF-8. */
  readonly password: string;
  /** Shown by Windows' certificate store. */
  readonly friendlyName: string;
}

/** Passwords `writePkcs12` accepts: printable ASCII, which every PKCS#12 implementation encodes alike. */
export function isPortablePfxPassword(password: string): boolean {
  return /^[\x20-\x7e]+$/.test(password);
}

export function writePkcs12(input: Pkcs12Input): Buffer {
  if (!isPortablePfxPassword(input.password)) {
    throw new TypeError('the PFX password must be printable ASCII (letters, digits, punctuation, spaces)');
  }
  const key = pki.privateKeyFromPem(input.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
  const certificate = pki.certificateFromAsn1(asn1.fromDer(binary(input.certificateDer)));
  // forge writes the certificate back from what it parsed; any changed byte would change the thumbprint.
  if (asn1.toDer(pki.certificateToAsn1(certificate)).getBytes() !== binary(input.certificateDer).getBytes()) {
    throw new Error('node-forge would not store this certificate byte for byte; the PFX is not written');
  }
  const pfx = forge.pkcs12.toPkcs12Asn1(key, [certificate], input.password, {
    algorithm: 'aes256',
    prfAlgorithm: 'sha256',
    count: iterations,
    saltSize: 16,
    friendlyName: input.friendlyName,
    useMac: false,
  } as Parameters<typeof forge.pkcs12.toPkcs12Asn1>[3]);
  (pfx.value as forge.asn1.Asn1[]).push(sha256Mac(pfx, input.password));
  return Buffer.from(asn1.toDer(pfx).getBytes(), 'binary');
}

// forge's own MAC is HMAC-SHA1. This builds the same MacData with SHA-256 from forge's PKCS#12 key derivation
// (RFC 7292 appendix B, ID 3 = MAC key) and HMAC, over the authenticated safe's content octets.
function sha256Mac(pfx: forge.asn1.Asn1, password: string): forge.asn1.Asn1 {
  const authSafe = (pfx.value as forge.asn1.Asn1[])[1] as forge.asn1.Asn1;
  const explicit = (authSafe.value as forge.asn1.Asn1[])[1] as forge.asn1.Asn1;
  const content = ((explicit.value as forge.asn1.Asn1[])[0] as forge.asn1.Asn1).value as string;
  const salt = randomBytes(16).toString('binary');
  const macKey = forge.pkcs12.generateKey(
    password,
    forge.util.createBuffer(salt),
    3,
    iterations,
    32,
    forge.md.sha256.create(),
  );
  const hmac = forge.hmac.create();
  hmac.start(forge.md.sha256.create(), macKey.getBytes());
  hmac.update(content);
  const sequence = (children: forge.asn1.Asn1[]) =>
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, children);
  return sequence([
    sequence([
      sequence([
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(pki.oids.sha256 as string).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, hmac.digest().getBytes()),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, salt),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(iterations).getBytes()),
  ]);
}

function binary(bytes: Uint8Array): forge.util.ByteStringBuffer {
  return forge.util.createBuffer(Buffer.from(bytes).toString('binary'));
}

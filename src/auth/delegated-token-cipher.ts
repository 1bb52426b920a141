// AES-256-GCM for secrets we must keep but never hold in clear at rest (DESIGN invariant 7): delegated msal token
// caches and iCal feed secrets. Each ciphertext is bound to what it belongs to (`context`, e.g. the person id), so
// a row copied onto another person does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class CiphertextError extends Error {
  override readonly name = 'CiphertextError';
}

export class TokenCipher {
  readonly #key: Buffer;

  /** `key`: 32 bytes (see delegated-key-file.ts for where it comes from). */
  constructor(key: Buffer) {
    if (key.length !== 32) throw new RangeError(`an AES-256 key is 32 bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  /** `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
  seal(plaintext: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** Throws CiphertextError when the text is damaged, for another context, or sealed with another key. */
  open(sealed: string, context: string): string {
    const [version, iv, tag, body, ...rest] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || body === undefined || rest.length > 0) {
      throw new CiphertextError('not a sealed value of this version');
    }
    const ivBytes = Buffer.from(iv, 'base64url');
    const tagBytes = Buffer.from(tag, 'base64url');
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
      throw new CiphertextError('malformed sealed value');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, ivBytes);
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new CiphertextError('cannot decrypt: another key, another owner, or damaged', { cause: error });
    }
  }
}

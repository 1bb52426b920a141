// The secret in each person's personal iCal feed URL (`{publicUrl}/ical/{secret}.ics`, served by src/web/api):
// 192 random bits, stored as a SHA-256 hash for lookup and encrypted (token key) so their page can show it again.
// Rotating makes a new one; the old URL stops working at once.
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { TokenCipher } from '../auth/delegated-token-cipher.ts';
import { type Database, getFeedSecret, personIdByFeedHash, setFeedSecret } from '../store/index.ts';

function context(personId: string): string {
  return `person_feed:${personId}`;
}

function hashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The person's feed secret, made on first use (or anew when `rotate`). */
export async function feedSecret(
  db: Kysely<Database>,
  cipher: TokenCipher,
  personId: string,
  options: { readonly rotate?: boolean } = {},
): Promise<string> {
  const stored = options.rotate ? undefined : await getFeedSecret(db, personId);
  if (stored) return cipher.open(stored.secretCiphertext, context(personId));
  const secret = randomBytes(24).toString('base64url');
  await setFeedSecret(db, {
    personId,
    secretHash: hashOf(secret),
    secretCiphertext: cipher.seal(secret, context(personId)),
  });
  return secret;
}

export function feedUrl(publicUrl: string, secret: string): string {
  return `${publicUrl}/ical/${secret}.ics`;
}

/** Whose feed this secret opens (for the feed endpoint); undefined for an unknown or rotated-away secret. */
export async function personIdForFeedSecret(db: Kysely<Database>, secret: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(secret)) return undefined;
  return personIdByFeedHash(db, hashOf(secret));
}

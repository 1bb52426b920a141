// The secret of a person's iCal feed: set (first time or rotation), read back for their page, and found by its
// hash when the feed is fetched. Hashing and encryption happen outside (src/web/feed-secret.ts).
import type { Kysely } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';

/** Sets (or replaces: the old URL stops working at once) the person's feed secret. */
export async function setFeedSecret(
  db: Kysely<Database>,
  feed: { readonly personId: string; readonly secretHash: string; readonly secretCiphertext: string },
): Promise<void> {
  await db
    .insertInto('personFeed')
    .values(feed)
    .onConflict((conflict) =>
      conflict.column('personId').doUpdateSet((eb) => ({
        secretHash: eb.ref('excluded.secretHash'),
        secretCiphertext: eb.ref('excluded.secretCiphertext'),
        createdAt: eb.fn<Date>('now'),
      })),
    )
    .execute();
}

export async function getFeedSecret(
  db: Kysely<Database>,
  personId: string,
): Promise<{ readonly secretCiphertext: string; readonly createdAt: string } | undefined> {
  const row = await db
    .selectFrom('personFeed')
    .select(['secretCiphertext', 'createdAt'])
    .where('personId', '=', personId)
    .executeTakeFirst();
  return row && { secretCiphertext: row.secretCiphertext, createdAt: toIso(row.createdAt) };
}

/** The person whose feed secret hashes to this (SHA-256 hex), if any. */
export async function personIdByFeedHash(db: Kysely<Database>, secretHash: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('personFeed')
    .select('personId')
    .where('secretHash', '=', secretHash)
    .executeTakeFirst();
  return row?.personId;
}

// Stores and reads a person's delegated token cache. The ciphertext comes in and goes out as is: encrypting and
// decrypting is the auth layer's job (src/auth/delegated-token-cipher.ts), so no clear token ever reaches SQL.
import type { Kysely } from 'kysely';
import { toIso } from './columns.ts';
import type { Database } from './database.ts';
import type { StoredTokenCache } from './person-token.table.ts';

export async function saveTokenCache(
  db: Kysely<Database>,
  cache: { readonly personId: string; readonly cacheCiphertext: string; readonly homeAccountId: string },
): Promise<void> {
  await db
    .insertInto('personToken')
    .values({ personId: cache.personId, cacheCiphertext: cache.cacheCiphertext, homeAccountId: cache.homeAccountId })
    .onConflict((conflict) =>
      conflict.column('personId').doUpdateSet((eb) => ({
        cacheCiphertext: eb.ref('excluded.cacheCiphertext'),
        homeAccountId: eb.ref('excluded.homeAccountId'),
        updatedAt: eb.fn<Date>('now'),
      })),
    )
    .execute();
}

/** Replaces only the cache of an existing row (a refresh); false when the person has no stored tokens any more. */
export async function updateTokenCache(db: Kysely<Database>, personId: string, cacheCiphertext: string) {
  const result = await db
    .updateTable('personToken')
    .set((eb) => ({ cacheCiphertext, updatedAt: eb.fn<Date>('now') }))
    .where('personId', '=', personId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function loadTokenCache(db: Kysely<Database>, personId: string): Promise<StoredTokenCache | undefined> {
  const row = await db.selectFrom('personToken').selectAll().where('personId', '=', personId).executeTakeFirst();
  return row && { ...row, updatedAt: toIso(row.updatedAt) };
}

/** Forgets a person's tokens (disconnect); false when there were none. */
export async function deleteTokenCache(db: Kysely<Database>, personId: string): Promise<boolean> {
  const result = await db.deleteFrom('personToken').where('personId', '=', personId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

// API keys: add (hash only), find by id for the bearer check, note the last use, list and revoke.
import type { Kysely, Selectable } from 'kysely';
import type { ApiKeyInfo, ApiKeyTable } from './api-key.table.ts';
import { toIso, toIsoOrNull } from './columns.ts';
import type { Database } from './database.ts';

export async function insertApiKey(
  db: Kysely<Database>,
  key: { readonly id: string; readonly name: string; readonly keyHash: string },
): Promise<void> {
  await db.insertInto('apiKey').values(key).execute();
}

/** The key with this id, with its hash (for the bearer check only). */
export async function findApiKey(
  db: Kysely<Database>,
  id: string,
): Promise<(ApiKeyInfo & { readonly keyHash: string }) | undefined> {
  const row = await db.selectFrom('apiKey').selectAll().where('id', '=', id).executeTakeFirst();
  return row && { ...toApiKeyInfo(row), keyHash: row.keyHash };
}

export async function apiKeyNameExists(db: Kysely<Database>, name: string): Promise<boolean> {
  const row = await db.selectFrom('apiKey').select('id').where('name', '=', name).executeTakeFirst();
  return row !== undefined;
}

export async function touchApiKey(db: Kysely<Database>, id: string, at: Date): Promise<void> {
  await db.updateTable('apiKey').set({ lastUsedAt: at }).where('id', '=', id).execute();
}

export async function listApiKeys(db: Kysely<Database>): Promise<readonly ApiKeyInfo[]> {
  const rows = await db.selectFrom('apiKey').selectAll().orderBy('createdAt').orderBy('name').execute();
  return rows.map(toApiKeyInfo);
}

/** Revokes the key with this name or id; the revoked key, or undefined when there is none (or it was revoked). */
export async function revokeApiKey(db: Kysely<Database>, nameOrId: string, at: Date): Promise<ApiKeyInfo | undefined> {
  const row = await db
    .updateTable('apiKey')
    .set({ revokedAt: at })
    .where((eb) => eb.or([eb('name', '=', nameOrId), eb('id', '=', nameOrId)]))
    .where('revokedAt', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toApiKeyInfo(row);
}

function toApiKeyInfo(row: Selectable<ApiKeyTable>): ApiKeyInfo {
  return {
    id: row.id,
    name: row.name,
    createdAt: toIso(row.createdAt),
    lastUsedAt: toIsoOrNull(row.lastUsedAt),
    revokedAt: toIsoOrNull(row.revokedAt),
  };
}

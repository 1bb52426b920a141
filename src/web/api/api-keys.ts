// API keys for the push API: `tts_<id>_<secret>` (id: 12 hex digits to find the key; secret: 32 random bytes).
// Only the SHA-256 of the whole key is stored; a presented key is checked by comparing hashes in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { TimetableSyncError } from '../../model/timetable-sync-error.ts';
import {
  apiKeyNameExists,
  findApiKey,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  touchApiKey,
} from '../../store/api-key.repository.ts';
import type { ApiKeyInfo } from '../../store/api-key.table.ts';
import type { Database } from '../../store/database.ts';

const KEY_FORMAT = /^tts_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
const NAME_FORMAT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export type ApiKeyErrorCode = 'API_KEY_NAME_INVALID' | 'API_KEY_NAME_TAKEN' | 'API_KEY_NOT_FOUND';

export class ApiKeyError extends TimetableSyncError {
  declare readonly code: ApiKeyErrorCode;
}

function hashOf(key: string): Buffer {
  return createHash('sha256').update(key).digest();
}

/** Makes a key, stores its hash, and returns the key: the only time it exists in clear. */
export async function createApiKey(db: Kysely<Database>, name: string): Promise<{ key: string; id: string }> {
  if (!NAME_FORMAT.test(name)) {
    throw new ApiKeyError(
      'API_KEY_NAME_INVALID',
      `'${name}' is not a usable key name: letters, digits, '.', '_' or '-', at most 64, starting with a letter or digit`,
    );
  }
  if (await apiKeyNameExists(db, name)) {
    throw new ApiKeyError(
      'API_KEY_NAME_TAKEN',
      `there is already a key named '${name}' (revoked keys keep their name)`,
    );
  }
  const id = randomBytes(6).toString('hex');
  const key = `tts_${id}_${randomBytes(32).toString('base64url')}`;
  await insertApiKey(db, { id, name, keyHash: hashOf(key).toString('hex') });
  return { key, id };
}

export { listApiKeys };

export async function revokeApiKeyByNameOrId(db: Kysely<Database>, nameOrId: string, now: Date): Promise<ApiKeyInfo> {
  const revoked = await revokeApiKey(db, nameOrId, now);
  if (!revoked) throw new ApiKeyError('API_KEY_NOT_FOUND', `no active key is named or has the id '${nameOrId}'`);
  return revoked;
}

/** The key an `Authorization: Bearer …` header presents, if it is a valid, unrevoked key (and notes its use). */
export async function authenticateApiKey(
  db: Kysely<Database>,
  authorization: string | undefined,
  now: Date,
): Promise<ApiKeyInfo | undefined> {
  const presented = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  const match = presented === undefined ? null : KEY_FORMAT.exec(presented);
  if (!match || presented === undefined) return undefined;
  const stored = await findApiKey(db, match[1] as string);
  if (!stored || stored.revokedAt !== null) return undefined;
  const expected = Buffer.from(stored.keyHash, 'hex');
  const given = hashOf(presented);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  // At most one write a minute per key: the last use is for people, not an audit log.
  if (stored.lastUsedAt === null || now.getTime() - Date.parse(stored.lastUsedAt) > 60_000) {
    await touchApiKey(db, stored.id, now);
  }
  const { keyHash: _hash, ...info } = stored;
  return info;
}

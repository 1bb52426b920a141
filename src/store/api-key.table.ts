// The `api_key` table: keys for the push API (`Authorization: Bearer <key>`), stored as a SHA-256 hash and found
// by the random id at the start of the key; revoked keys stay listed with their revocation time.
import type { Selectable } from 'kysely';
import type { DefaultedTimestamp, NullableTimestamp } from './columns.ts';

export interface ApiKeyTable {
  id: string;
  name: string;
  /** SHA-256 of the whole key, hex. */
  keyHash: string;
  createdAt: DefaultedTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export type ApiKeyRow = Selectable<ApiKeyTable>;

/** A key as `api-key list` shows it (never its hash). */
export interface ApiKeyInfo {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

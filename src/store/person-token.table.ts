// The `person_token` table: one person's delegated msal token cache, encrypted with the token key (AES-256-GCM).
import type { Selectable } from 'kysely';
import type { DefaultedTimestamp } from './columns.ts';

export interface PersonTokenTable {
  personId: string;
  /** `v1.<iv>.<tag>.<ciphertext>` (base64url), bound to the person id; see src/auth/delegated-token-cipher.ts. */
  cacheCiphertext: string;
  /** msal's account key in the cache. */
  homeAccountId: string;
  updatedAt: DefaultedTimestamp;
}

export type PersonTokenRow = Selectable<PersonTokenTable>;

export interface StoredTokenCache {
  readonly personId: string;
  readonly cacheCiphertext: string;
  readonly homeAccountId: string;
  readonly updatedAt: string;
}

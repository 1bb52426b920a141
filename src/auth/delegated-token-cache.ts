// msal-node's cache plugin for one person: before msal reads its cache, the person's encrypted cache is loaded from
// the store and decrypted; after msal changed it (a refresh), it is encrypted and written back. Nothing in clear
// leaves memory. A person without stored tokens gets an empty cache, never someone else's.
import type { ICachePlugin, TokenCacheContext } from '@azure/msal-node';
import type { Kysely } from 'kysely';
import { type Database, loadTokenCache, updateTokenCache } from '../store/index.ts';
import { DelegatedAuthError } from './delegated-auth-error.ts';
import { CiphertextError, type TokenCipher } from './delegated-token-cipher.ts';

const EMPTY_CACHE = JSON.stringify({ Account: {}, IdToken: {}, AccessToken: {}, RefreshToken: {}, AppMetadata: {} });

/** What a token cache ciphertext is bound to. */
export function tokenCacheContext(personId: string): string {
  return `person_token:${personId}`;
}

export interface PersonCachePlugin extends ICachePlugin {
  /** The account key of the stored cache, after the last load; undefined when the person has none. */
  readonly homeAccountId: string | undefined;
}

export function personCachePlugin(db: Kysely<Database>, cipher: TokenCipher, personId: string): PersonCachePlugin {
  const plugin = {
    homeAccountId: undefined as string | undefined,
    async beforeCacheAccess(context: TokenCacheContext): Promise<void> {
      const stored = await loadTokenCache(db, personId);
      plugin.homeAccountId = stored?.homeAccountId;
      if (!stored) {
        context.tokenCache.deserialize(EMPTY_CACHE);
        return;
      }
      let serialized: string;
      try {
        serialized = cipher.open(stored.cacheCiphertext, tokenCacheContext(personId));
      } catch (error) {
        if (!(error instanceof CiphertextError)) throw error;
        context.tokenCache.deserialize(EMPTY_CACHE);
        throw new DelegatedAuthError(
          'TOKEN_CACHE_UNREADABLE',
          personId,
          'the stored sign-in cannot be decrypted with the configured web.tokenKey (was the key changed?): the person must connect again',
          {},
          { cause: error },
        );
      }
      context.tokenCache.deserialize(serialized);
    },
    async afterCacheAccess(context: TokenCacheContext): Promise<void> {
      if (!context.cacheHasChanged) return;
      // Only an existing row is updated: a refresh finishing after a disconnect must not bring the tokens back.
      await updateTokenCache(db, personId, cipher.seal(context.tokenCache.serialize(), tokenCacheContext(personId)));
    },
  };
  return plugin;
}

// Delegated tokens for every connected person: their msal cache lives encrypted in the store (person_token), and
// each person gets one TokenProvider per process whose refreshes run one at a time (a per-person lock around
// acquireTokenSilent), so parallel batches never race two refreshes of one person. A refusal that only signing in
// again can cure becomes a DelegatedAuthError (status `reconnect_needed`); anything else an AuthError.
import { type AuthenticationResult, ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import type { Kysely } from 'kysely';
import type { TokenProvider } from '../graph/token-provider.ts';
import { type Database, deleteTokenCache, loadTokenCache, saveTokenCache } from '../store/index.ts';
import { Mutex } from '../store/mutex.ts';
import { msalConfiguration } from './app-token-provider.ts';
import { authErrorFrom } from './auth-error.ts';
import { DelegatedAuthError } from './delegated-auth-error.ts';
import type { MsalAppOptions, SignedIn } from './delegated-sign-in.ts';
import { personCachePlugin, tokenCacheContext } from './delegated-token-cache.ts';
import type { TokenCipher } from './delegated-token-cipher.ts';
import { HttpsNetworkClient } from './https-network-client.ts';
import { reconnectNeeded } from './reconnect-needed.ts';

export interface DelegatedTokensOptions {
  readonly msal: MsalAppOptions;
  readonly db: Kysely<Database>;
  readonly cipher: TokenCipher;
  /** The Graph scopes every token is asked for (delegatedGraphScopes). */
  readonly scopes: readonly string[];
  /** People whose provider is kept in memory at once (least recently used ones are dropped). */
  readonly maxProviders?: number;
  /** How msal talks HTTP; by default an HttpsNetworkClient trusting `msal.caPem` (closed by close()). */
  readonly networkClient?: INetworkModule;
}

export class DelegatedTokens {
  readonly cipher: TokenCipher;
  readonly scopes: readonly string[];
  private readonly options: DelegatedTokensOptions;
  private readonly networkClient: INetworkModule;
  private readonly providers = new Map<string, PersonTokenProvider>();

  constructor(options: DelegatedTokensOptions) {
    this.options = options;
    this.cipher = options.cipher;
    this.scopes = options.scopes;
    this.networkClient =
      options.networkClient ?? new HttpsNetworkClient(options.msal.caPem ? { extraCaPem: options.msal.caPem } : {});
  }

  /** Stores a fresh sign-in's cache for the person (replacing what was there) and forgets any token in memory. */
  async save(personId: string, signedIn: Pick<SignedIn, 'serializedCache' | 'homeAccountId'>): Promise<void> {
    await saveTokenCache(this.options.db, {
      personId,
      cacheCiphertext: this.cipher.seal(signedIn.serializedCache, tokenCacheContext(personId)),
      homeAccountId: signedIn.homeAccountId,
    });
    this.providers.get(personId)?.dropCachedToken();
  }

  /** Forgets the person's tokens (disconnect). */
  async forget(personId: string): Promise<void> {
    await deleteTokenCache(this.options.db, personId);
    this.providers.get(personId)?.dropCachedToken();
  }

  async isConnected(personId: string): Promise<boolean> {
    return (await loadTokenCache(this.options.db, personId)) !== undefined;
  }

  /** The person's token provider (one per person in this process, so their lock is shared). */
  tokenProvider(personId: string): TokenProvider {
    let provider = this.providers.get(personId);
    if (provider) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.providers.delete(personId);
    } else {
      provider = new PersonTokenProvider(personId, this.options, this.networkClient);
      this.evict();
    }
    this.providers.set(personId, provider);
    return provider;
  }

  async close(): Promise<void> {
    if (this.networkClient !== this.options.networkClient && this.networkClient instanceof HttpsNetworkClient) {
      await this.networkClient.close();
    }
  }

  private evict(): void {
    const max = this.options.maxProviders ?? 1000;
    for (const [personId, provider] of this.providers) {
      if (this.providers.size < max) return;
      if (!provider.busy) this.providers.delete(personId);
    }
  }
}

class PersonTokenProvider implements TokenProvider {
  private readonly personId: string;
  private readonly options: DelegatedTokensOptions;
  private readonly lock = new Mutex();
  private readonly application: ConfidentialClientApplication;
  private readonly plugin: ReturnType<typeof personCachePlugin>;
  private cached: { readonly token: string; readonly renewAt: number } | undefined;

  constructor(personId: string, options: DelegatedTokensOptions, networkClient: INetworkModule) {
    this.personId = personId;
    this.options = options;
    this.plugin = personCachePlugin(options.db, options.cipher, personId);
    this.application = new ConfidentialClientApplication({
      ...msalConfiguration(options.msal, networkClient),
      cache: { cachePlugin: this.plugin },
    });
  }

  get busy(): boolean {
    return this.lock.locked || this.lock.waiting > 0;
  }

  dropCachedToken(): void {
    this.cached = undefined;
  }

  async getToken(): Promise<string> {
    const fresh = this.freshToken();
    if (fresh) return fresh;
    return this.lock.run(async () => this.freshToken() ?? this.acquire());
  }

  private freshToken(): string | undefined {
    return this.cached && Date.now() < this.cached.renewAt ? this.cached.token : undefined;
  }

  private async acquire(): Promise<string> {
    let result: AuthenticationResult;
    try {
      const accounts = await this.application.getTokenCache().getAllAccounts();
      const account = accounts.find((a) => a.homeAccountId === this.plugin.homeAccountId);
      if (!account) {
        throw new DelegatedAuthError(
          'NOT_CONNECTED',
          this.personId,
          'no Microsoft sign-in is stored for this person: they must connect their calendar (sign in) again',
        );
      }
      result = await this.application.acquireTokenSilent({ account, scopes: [...this.options.scopes] });
    } catch (error) {
      if (error instanceof DelegatedAuthError) throw error;
      const verdict = reconnectNeeded(error);
      if (verdict) {
        const aadstsCode = verdict.aadsts === undefined ? undefined : `AADSTS${verdict.aadsts}`;
        throw new DelegatedAuthError(
          'RECONNECT_NEEDED',
          this.personId,
          `${verdict.explanation} The person must sign in again (Reconnect on their page)${aadstsCode ? ` (${aadstsCode})` : ''}.`,
          { aadstsCode },
          { cause: error },
        );
      }
      throw authErrorFrom(error, `Refreshing the Microsoft sign-in of person ${this.personId}`);
    }
    if (!result?.accessToken) {
      throw authErrorFrom(new Error('msal returned no access token'), `Refreshing the sign-in of ${this.personId}`);
    }
    this.cached = { token: result.accessToken, renewAt: renewalTime(result) };
    return result.accessToken;
  }
}

/** msal's own margin: ask again five minutes before expiry (or at its refreshOn). */
function renewalTime(result: AuthenticationResult): number {
  const expiry = result.expiresOn ? result.expiresOn.getTime() - 5 * 60_000 : 0;
  return Math.min(expiry, result.refreshOn?.getTime() ?? Number.POSITIVE_INFINITY);
}

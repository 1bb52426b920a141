// Sign-in with Microsoft for the web pages: the authorization code flow with PKCE through msal-node's confidential
// client (the app's certificate or secret). `start` makes the authorize URL with fresh `state`, `nonce` and PKCE
// verifier (the caller keeps them in the browser's session); `finish` redeems the code, lets msal check the ID
// token's nonce, and hands back who signed in plus msal's serialized cache (their tokens), which the caller stores
// encrypted (delegated mode) or drops (application mode: sign-in only identifies the person).
import { randomBytes } from 'node:crypto';
import {
  type AuthenticationResult,
  ConfidentialClientApplication,
  CryptoProvider,
  type INetworkModule,
} from '@azure/msal-node';
import { type AppTokenProviderOptions, msalConfiguration } from './app-token-provider.ts';
import { authErrorFrom } from './auth-error.ts';
import { HttpsNetworkClient } from './https-network-client.ts';

export type MsalAppOptions = Omit<AppTokenProviderOptions, 'networkClient'>;

export interface SignInStart {
  /** Where to send the browser. */
  readonly url: string;
  /** Kept in the browser's session until the callback; never sent anywhere else. */
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
}

export interface SignedIn {
  /** The user principal name Entra signed in (`preferred_username`), as Entra spells it. */
  readonly upn: string;
  readonly name: string;
  /** Entra object id and tenant id of the user. */
  readonly objectId: string;
  readonly tenantId: string;
  /** msal's account key (`<oid>.<tid>`). */
  readonly homeAccountId: string;
  /** msal's whole cache after the redemption (refresh token included): store it encrypted or drop it. */
  readonly serializedCache: string;
}

export class SignInClient {
  private readonly options: MsalAppOptions;
  private readonly networkClient: INetworkModule;
  private readonly ownsNetworkClient: boolean;
  private readonly crypto = new CryptoProvider();

  constructor(options: MsalAppOptions, networkClient?: INetworkModule) {
    this.options = options;
    this.networkClient = networkClient ?? new HttpsNetworkClient(options.caPem ? { extraCaPem: options.caPem } : {});
    this.ownsNetworkClient = networkClient === undefined;
  }

  async start(request: {
    readonly redirectUri: string;
    readonly scopes: readonly string[];
    readonly loginHint?: string;
    readonly prompt?: 'select_account' | 'login' | 'consent';
  }): Promise<SignInStart> {
    const pkce = await this.crypto.generatePkceCodes();
    const state = randomBytes(32).toString('base64url');
    const nonce = randomBytes(32).toString('base64url');
    const url = await this.application().getAuthCodeUrl({
      scopes: [...request.scopes],
      redirectUri: request.redirectUri,
      codeChallenge: pkce.challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
      ...(request.loginHint ? { loginHint: request.loginHint } : {}),
      ...(request.prompt ? { prompt: request.prompt } : {}),
    });
    return { url, state, nonce, verifier: pkce.verifier };
  }

  /**
   * Redeems the code. The caller has already compared `state` with the session's; msal compares it again and
   * checks the ID token's nonce. Throws AuthError (with Entra's AADSTS code) when Entra refuses the code: already
   * used (AADSTS54005), expired (AADSTS70008), wrong PKCE verifier (AADSTS501481), and so on.
   */
  async finish(request: {
    readonly code: string;
    readonly state: string;
    readonly redirectUri: string;
    readonly scopes: readonly string[];
    readonly verifier: string;
    readonly nonce: string;
  }): Promise<SignedIn> {
    // A fresh client per sign-in: its in-memory cache holds this person's tokens only.
    const application = this.application();
    let result: AuthenticationResult;
    try {
      result = await application.acquireTokenByCode(
        {
          code: request.code,
          scopes: [...request.scopes],
          redirectUri: request.redirectUri,
          codeVerifier: request.verifier,
          state: request.state,
          nonce: request.nonce,
        },
        { code: request.code, state: request.state },
      );
    } catch (error) {
      throw authErrorFrom(error, 'Signing in with Microsoft');
    }
    const account = result.account;
    const claims = (result.idTokenClaims ?? {}) as { preferred_username?: unknown; oid?: unknown; tid?: unknown };
    const upn = typeof claims.preferred_username === 'string' ? claims.preferred_username : account?.username;
    if (!account || !upn)
      throw authErrorFrom(new Error('Entra returned no ID token account'), 'Signing in with Microsoft');
    return {
      upn,
      name: account.name ?? upn,
      objectId: typeof claims.oid === 'string' ? claims.oid : account.localAccountId,
      tenantId: typeof claims.tid === 'string' ? claims.tid : account.tenantId,
      homeAccountId: account.homeAccountId,
      serializedCache: application.getTokenCache().serialize(),
    };
  }

  async close(): Promise<void> {
    if (this.ownsNetworkClient && this.networkClient instanceof HttpsNetworkClient) await this.networkClient.close();
  }

  private application(): ConfidentialClientApplication {
    return new ConfidentialClientApplication(msalConfiguration(this.options, this.networkClient));
  }
}

/**
 * What a sign-in asks for. Application mode: who you are only (openid profile; msal adds offline_access itself).
 * Delegated mode: also the calendar (and categories when people may turn them on), on the configured Graph.
 */
export function signInScopes(options: {
  readonly mode: 'application' | 'delegated';
  readonly graphEndpoint: string;
  readonly categories: boolean;
}): string[] {
  if (options.mode === 'application') return ['openid', 'profile'];
  return delegatedGraphScopes(options.graphEndpoint, options.categories);
}

/** Graph permissions of a delegated connection, fully qualified so a national cloud's Graph is asked for. */
export function delegatedGraphScopes(graphEndpoint: string, categories: boolean): string[] {
  const graph = graphEndpoint.replace(/\/+$/, '');
  return [`${graph}/Calendars.ReadWrite`, ...(categories ? [`${graph}/MailboxSettings.ReadWrite`] : [])];
}

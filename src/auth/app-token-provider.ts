// Application (app-only) tokens for Graph through msal-node's client-credentials flow, signed with a certificate
// or a secret. Create one per process and share it: msal caches the token and renews it before it expires.
import {
  ConfidentialClientApplication,
  type Configuration,
  type INetworkModule,
  type NetworkResponse,
} from '@azure/msal-node';
import type { MsalClientCertificate } from '../certificates/load-client-certificate.ts';
import { CLOUDS } from '../config/clouds.ts';
import type { TokenProvider } from '../graph/token-provider.ts';
import { authErrorFrom } from './auth-error.ts';
import { HttpsNetworkClient } from './https-network-client.ts';

/** A certificate as `toMsalClientCertificate` (src/certificates) gives it, or a client secret. */
export type AppCredential = { readonly certificate: MsalClientCertificate } | { readonly clientSecret: string };

export interface AppTokenProviderOptions {
  readonly tenantId: string;
  readonly clientId: string;
  /** Entra's origin: `https://login.microsoftonline.com`, a national cloud's, or the emulator's. */
  readonly authorityHost: string;
  /** Graph's origin; tokens are asked for `${graphEndpoint}/.default`. */
  readonly graphEndpoint: string;
  readonly credential: AppCredential;
  /** An extra CA (PEM) to trust besides the system roots: the emulator's, or a TLS-inspecting proxy's. */
  readonly caPem?: string;
  /** How msal talks HTTP; by default an HttpsNetworkClient trusting `caPem`. */
  readonly networkClient?: INetworkModule;
}

export interface AppTokenProvider extends TokenProvider {
  /** Closes the pooled connections to Entra (on shutdown). */
  close(): Promise<void>;
}

/** The Entra hosts msal-node knows without asking Microsoft's instance discovery. */
const microsoftAuthorityHosts: ReadonlySet<string> = new Set([
  ...Object.values(CLOUDS).map((cloud) => new URL(cloud.authorityHost).host),
  'login.windows.net',
  'login.microsoft.com',
]);

export function createAppTokenProvider(options: AppTokenProviderOptions): AppTokenProvider {
  const networkClient =
    options.networkClient ?? new HttpsNetworkClient(options.caPem ? { extraCaPem: options.caPem } : {});
  const recorder = recordEntraErrors(networkClient);
  const application = new ConfidentialClientApplication(msalConfiguration(options, recorder.client));
  const scopes = [`${options.graphEndpoint.replace(/\/+$/, '')}/.default`];
  // Many batches start at once; let them share one token request instead of racing msal's empty cache.
  let pending: Promise<string> | undefined;
  // Every Graph request asks for the token, and msal's cache lookup costs about 0.25 ms of CPU: keep the token
  // here until msal itself would renew it (its refreshOn, else five minutes before expiry, msal's own margin).
  let cached: { readonly token: string; readonly renewAt: number } | undefined;
  const acquire = async (): Promise<string> => {
    let result: Awaited<ReturnType<ConfidentialClientApplication['acquireTokenByClientCredential']>>;
    recorder.last = undefined;
    try {
      result = await application.acquireTokenByClientCredential({ scopes });
    } catch (error) {
      throw authErrorFrom(
        error,
        `Getting an application token for client ${options.clientId} in tenant ${options.tenantId}`,
        recorder.last,
      );
    }
    if (!result?.accessToken) {
      throw authErrorFrom(new Error('msal returned no access token'), 'Getting an application token');
    }
    cached = { token: result.accessToken, renewAt: renewalTime(result) };
    return result.accessToken;
  };
  return {
    getToken: () => {
      if (cached && Date.now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= acquire().finally(() => {
        pending = undefined;
      });
      return pending;
    },
    close: async () => {
      if (networkClient instanceof HttpsNetworkClient && networkClient !== options.networkClient) {
        await networkClient.close();
      }
    },
  };
}

/** When to ask msal again: its refreshOn, or five minutes before expiry; at once when it gave no expiry. */
function renewalTime(result: { readonly expiresOn: Date | null; readonly refreshOn?: Date | undefined }): number {
  const expiry = result.expiresOn ? result.expiresOn.getTime() - 5 * 60_000 : 0;
  return Math.min(expiry, result.refreshOn?.getTime() ?? Number.POSITIVE_INFINITY);
}

export function msalConfiguration(options: AppTokenProviderOptions, networkClient: INetworkModule): Configuration {
  const authorityHost = options.authorityHost.replace(/\/+$/, '');
  const host = new URL(authorityHost).host;
  const credential =
    'clientSecret' in options.credential
      ? { clientSecret: options.credential.clientSecret }
      : { clientCertificate: { ...options.credential.certificate } };
  return {
    auth: {
      clientId: options.clientId,
      authority: `${authorityHost}/${options.tenantId}`,
      // A host msal does not know (the emulator, a private cloud) is trusted as given, so msal reads its OpenID
      // metadata from it instead of asking Microsoft's instance discovery about it.
      ...(microsoftAuthorityHosts.has(host) ? {} : { knownAuthorities: [host] }),
      ...credential,
    },
    system: { networkClient },
  };
}

/** Remembers the `error_description` of Entra's last error answer, which msal drops for discovery failures. */
function recordEntraErrors(inner: INetworkModule): { client: INetworkModule; last: string | undefined } {
  const recorder: { client: INetworkModule; last: string | undefined } = {
    last: undefined,
    client: {
      sendGetRequestAsync: async (url, options, timeout) =>
        remember(await inner.sendGetRequestAsync(url, options, timeout)),
      sendPostRequestAsync: async (url, options) => remember(await inner.sendPostRequestAsync(url, options)),
    },
  };
  const remember = <T>(response: NetworkResponse<T>): NetworkResponse<T> => {
    const description = (response.body as { error_description?: unknown } | undefined)?.error_description;
    if (response.status >= 400 && typeof description === 'string') recorder.last = description;
    return response;
  };
  return recorder;
}

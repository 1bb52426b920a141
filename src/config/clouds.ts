// Microsoft's national clouds by name: where to sign in and where Graph lives in each.
import type { CloudName, MicrosoftConfig } from './config.ts';

export interface CloudEndpoints {
  readonly authorityHost: string;
  readonly graphEndpoint: string;
}

export const CLOUDS: Readonly<Record<CloudName, CloudEndpoints>> = Object.freeze({
  global: { authorityHost: 'https://login.microsoftonline.com', graphEndpoint: 'https://graph.microsoft.com' },
  usgov: { authorityHost: 'https://login.microsoftonline.us', graphEndpoint: 'https://graph.microsoft.us' },
  'usgov-dod': { authorityHost: 'https://login.microsoftonline.us', graphEndpoint: 'https://dod-graph.microsoft.us' },
  china: { authorityHost: 'https://login.chinacloudapi.cn', graphEndpoint: 'https://microsoftgraph.chinacloudapi.cn' },
});

export const CLOUD_NAMES = Object.keys(CLOUDS) as CloudName[];

/** The msal authority: `{authorityHost}/{tenantId}`. */
export function authorityUrl(microsoft: Pick<MicrosoftConfig, 'authorityHost' | 'tenantId'>): string {
  return `${microsoft.authorityHost}/${microsoft.tenantId}`;
}

/** Graph v1.0 base URL, e.g. `https://graph.microsoft.com/v1.0`. */
export function graphBaseUrl(microsoft: Pick<MicrosoftConfig, 'graphEndpoint'>): string {
  return `${microsoft.graphEndpoint}/v1.0`;
}

/** The client-credentials scope: `{graphEndpoint}/.default`. */
export function graphDefaultScope(microsoft: Pick<MicrosoftConfig, 'graphEndpoint'>): string {
  return `${microsoft.graphEndpoint}/.default`;
}

// The URLs of one tenant's v2.0 endpoints, as discovery publishes them and as assertions must address them.
import type { Tenant } from '../directory.ts';

export interface TenantEndpoints {
  readonly issuer: string;
  readonly authorize: string;
  readonly token: string;
  readonly keys: string;
  readonly logout: string;
  readonly deviceCode: string;
}

export function tenantEndpoints(baseUrl: string, tenantId: string): TenantEndpoints {
  const root = `${baseUrl}/${tenantId}`;
  return {
    issuer: `${root}/v2.0`,
    authorize: `${root}/oauth2/v2.0/authorize`,
    token: `${root}/oauth2/v2.0/token`,
    keys: `${root}/discovery/v2.0/keys`,
    logout: `${root}/oauth2/v2.0/logout`,
    deviceCode: `${root}/oauth2/v2.0/devicecode`,
  };
}

/**
 * Audiences a client assertion may carry: the token endpoint (what msal sends), or the v2.0 issuer, for the
 * tenant named by id or by domain, on the emulator's address or the host name the client used to reach it.
 */
export function assertionAudiences(baseUrl: string, tenant: Tenant, requestHost: string | undefined): Set<string> {
  const bases = new Set([baseUrl]);
  if (requestHost) bases.add(`https://${requestHost}`);
  const audiences = new Set<string>();
  for (const base of bases) {
    for (const name of [tenant.id, tenant.domain]) {
      const endpoints = tenantEndpoints(base, name);
      audiences.add(endpoints.token.toLowerCase());
      audiences.add(endpoints.issuer.toLowerCase());
    }
  }
  return audiences;
}

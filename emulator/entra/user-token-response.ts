// The token response of the user flows (authorization code and refresh token): access token, ID token, a new
// refresh token when offline_access was granted, and the `client_info` msal-node builds its account key from.
import type { EmulatorContext } from '../context.ts';
import type { Application, Tenant, User } from '../directory.ts';
import { issueDelegatedToken } from './access-token.ts';
import { opaque } from './authorization-state.ts';
import { tenantEndpoints } from './endpoints.ts';
import { issueIdToken } from './id-token.ts';
import { consentScopes, type DelegatedScopes, grantedScp, responseScope } from './scopes.ts';

/** Entra's refresh tokens stop working after 90 days without use; each use hands out a fresh one. */
export const refreshTokenLifetimeSeconds = 90 * 24 * 3600;

export interface UserGrant {
  readonly tenant: Tenant;
  readonly app: Application;
  readonly user: User;
  readonly scopes: DelegatedScopes;
  readonly nonce: string | undefined;
  readonly authTime: number | undefined;
}

export async function userTokenResponse(context: EmulatorContext, grant: UserGrant): Promise<Record<string, unknown>> {
  const { tenant, app, user, scopes } = grant;
  const lifetime = context.limits.accessTokenLifetimeSeconds;
  const scp = grantedScp(context.identity, user.id, app, scopes);
  const access = await issueDelegatedToken(context.signingKey, tenant, app, user, scp, scopes.audience, lifetime);
  const body: Record<string, unknown> = {
    token_type: 'Bearer',
    scope: responseScope(scopes, scp),
    expires_in: access.expiresIn,
    ext_expires_in: access.expiresIn,
    access_token: access.token,
  };
  if (scopes.oidc.includes('offline_access')) body.refresh_token = issueRefreshToken(context, grant);
  if (scopes.oidc.includes('openid')) {
    body.id_token = await issueIdToken(context.signingKey, tenant, app, user, {
      issuer: tenantEndpoints(context.baseUrl, tenant.id).issuer,
      nonce: grant.nonce,
      authTime: grant.authTime,
      includeEmail: scopes.oidc.includes('email'),
      lifetimeSeconds: lifetime,
    });
  }
  body.client_info = Buffer.from(JSON.stringify({ uid: user.id, utid: tenant.id })).toString('base64url');
  return body;
}

function issueRefreshToken(context: EmulatorContext, grant: UserGrant): string {
  const token = `1.${opaque(96)}`;
  context.identity.refreshTokens.set(token, {
    tenantId: grant.tenant.id,
    userId: grant.user.id,
    clientId: grant.app.clientId,
    scopes: consentScopes(grant.scopes),
    expiresAt: Date.now() + refreshTokenLifetimeSeconds * 1000,
    state: 'active',
  });
  context.changed();
  return token;
}

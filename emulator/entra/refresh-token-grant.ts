// grant_type=refresh_token: a new access token and a new refresh token, unless the grant was revoked, expired,
// or the user's consent is gone — each with the AADSTS code Entra gives, so a client can tell "reconnect needed".
//
// Entra does not revoke a refresh token when it is used ("The Microsoft identity platform doesn't revoke old
// refresh tokens when used to fetch new access tokens", learn.microsoft.com/entra/identity-platform/refresh-tokens),
// so neither does the emulator: two workers refreshing the same user at once both succeed, as in production.
import type { EmulatorContext } from '../context.ts';
import { aadsts } from './aadsts-error.ts';
import type { AuthorizationState } from './authorization-state.ts';
import { missingConsent, parseDelegatedScopes, resourceCatalogue } from './scopes.ts';
import type { TokenRequest } from './token-request.ts';
import { refreshTokenLifetimeSeconds, userTokenResponse } from './user-token-response.ts';

export async function redeemRefreshToken(
  context: EmulatorContext,
  _state: AuthorizationState,
  { tenant, app, form }: TokenRequest,
): Promise<object> {
  if (!form.refresh_token) throw aadsts.missingParameter('refresh_token');
  const record = context.identity.refreshTokens.get(form.refresh_token);
  if (!record || record.tenantId !== tenant.id) throw aadsts.invalidGrant();
  if (record.clientId !== app.clientId) throw aadsts.grantOtherClient();
  const issued = new Date(record.expiresAt - refreshTokenLifetimeSeconds * 1000);
  if (record.state === 'active' && record.expiresAt <= Date.now()) {
    record.state = 'expired';
    context.changed();
  }
  if (record.state === 'revoked') throw aadsts.grantRevoked(issued);
  if (record.state === 'expired') throw aadsts.refreshTokenInactive(issued);
  if (record.state === 'redeemed') throw aadsts.grantRedeemed();
  const user = context.directory.user(tenant, record.userId);
  if (!user) throw aadsts.invalidGrant(' The user of this grant no longer exists.');
  const scopes = parseDelegatedScopes(resourceCatalogue(context), tenant, app, form.scope ?? record.scopes.join(' '));
  if (missingConsent(context.identity, user.id, app.clientId, scopes).length > 0) {
    throw aadsts.consentRequired(app.clientId, app.displayName);
  }
  return userTokenResponse(context, { tenant, app, user, scopes, nonce: undefined, authTime: undefined });
}

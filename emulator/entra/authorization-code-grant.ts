// grant_type=authorization_code: redeems a code once, within 10 minutes, with the redirect URI it was issued for
// and the PKCE verifier that hashes to its S256 challenge.
import { createHash } from 'node:crypto';
import type { EmulatorContext } from '../context.ts';
import { aadsts } from './aadsts-error.ts';
import { type AuthorizationState, codeLifetimeMs } from './authorization-state.ts';
import { missingConsent, parseDelegatedScopes, resourceCatalogue } from './scopes.ts';
import type { TokenRequest } from './token-request.ts';
import { userTokenResponse } from './user-token-response.ts';

export async function redeemAuthorizationCode(
  context: EmulatorContext,
  state: AuthorizationState,
  { tenant, app, form }: TokenRequest,
): Promise<object> {
  if (!form.code) throw aadsts.missingParameter('code');
  if (!form.redirect_uri) throw aadsts.missingParameter('redirect_uri');
  const code = state.code(form.code);
  if (!code) throw aadsts.invalidGrant(" The provided value for the 'code' parameter is not valid.");
  if (code.tenantId !== tenant.id) throw aadsts.codeOtherTenant();
  if (code.clientId !== app.clientId) throw aadsts.grantOtherClient();
  if (code.redeemed) throw aadsts.codeRedeemed();
  if (Date.now() - code.issuedAt > codeLifetimeMs) throw aadsts.grantExpired();
  if (form.redirect_uri !== code.redirectUri) throw aadsts.redirectUriMismatch(form.redirect_uri, code.redirectUri);
  if (!verifierMatches(form.code_verifier, code.codeChallenge)) throw aadsts.codeVerifierMismatch();
  const user = context.directory.user(tenant, code.userId);
  if (!user) throw aadsts.invalidGrant(' The user of this grant no longer exists.');
  const scopes = form.scope ? parseDelegatedScopes(resourceCatalogue(context), tenant, app, form.scope) : code.scopes;
  if (missingConsent(context.identity, user.id, app.clientId, scopes).length > 0) {
    throw aadsts.consentRequired(app.clientId, app.displayName);
  }
  // Marked before the first await, so two racing redemptions cannot both succeed.
  code.redeemed = true;
  return userTokenResponse(context, { tenant, app, user, scopes, nonce: code.nonce, authTime: code.authTime });
}

/** RFC 7636: a verifier of 43-128 unreserved characters whose SHA-256, base64url, is the challenge. */
function verifierMatches(verifier: string | undefined, challenge: string): boolean {
  if (!verifier || !/^[A-Za-z0-9._~-]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier).digest('base64url') === challenge;
}

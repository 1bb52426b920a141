// grant_type=client_credentials: an app-only token for `{resource}/.default`, carrying the app's permissions.
import type { EmulatorContext } from '../context.ts';
import { issueAppToken } from './access-token.ts';
import type { AuthorizationState } from './authorization-state.ts';
import { clientCredentialsAudience, resourceCatalogue } from './scopes.ts';
import type { TokenRequest } from './token-request.ts';

export async function issueClientCredentialsToken(
  context: EmulatorContext,
  _state: AuthorizationState,
  { tenant, app, form }: TokenRequest,
): Promise<object> {
  const audience = clientCredentialsAudience(resourceCatalogue(context), tenant, form.scope ?? '');
  const issued = await issueAppToken(
    context.signingKey,
    tenant,
    app,
    audience,
    context.limits.accessTokenLifetimeSeconds,
  );
  return {
    token_type: 'Bearer',
    expires_in: issued.expiresIn,
    ext_expires_in: issued.expiresIn,
    access_token: issued.token,
  };
}

// `POST /{tenant}/oauth2/v2.0/token`: reads the form, finds tenant and application, authenticates the client and
// hands over to the grant. Every refusal is Entra's JSON error with its AADSTS code and HTTP status.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { AadstsError, aadsts, correlationIdOf, sendJsonError } from './aadsts-error.ts';
import { redeemAuthorizationCode } from './authorization-code-grant.ts';
import type { AuthorizationState } from './authorization-state.ts';
import { authenticateClient, basicCredentials } from './client-authentication.ts';
import { issueClientCredentialsToken } from './client-credentials-grant.ts';
import { assertionAudiences } from './endpoints.ts';
import { redeemRefreshToken } from './refresh-token-grant.ts';
import { type Form, firstValues, type TokenRequest } from './token-request.ts';

const grants: Readonly<
  Record<string, (context: EmulatorContext, state: AuthorizationState, request: TokenRequest) => Promise<object>>
> = {
  client_credentials: issueClientCredentialsToken,
  authorization_code: redeemAuthorizationCode,
  refresh_token: redeemRefreshToken,
};

export function registerTokenRoute(app: FastifyInstance, context: EmulatorContext, state: AuthorizationState): void {
  app.post<{ Params: { tenant: string } }>('/:tenant/oauth2/v2.0/token', async (request, reply) => {
    try {
      const body = await token(context, state, request);
      return reply
        .header('cache-control', 'no-store, no-cache')
        .header('pragma', 'no-cache')
        .header('client-request-id', correlationIdOf(request))
        .type('application/json; charset=utf-8')
        .send(body);
    } catch (error) {
      if (error instanceof AadstsError) return sendJsonError(reply, request, error);
      throw error;
    }
  });
}

async function token(
  context: EmulatorContext,
  state: AuthorizationState,
  request: FastifyRequest<{ Params: { tenant: string } }>,
): Promise<object> {
  const tenant = context.directory.tenant(request.params.tenant);
  if (!tenant) throw aadsts.tenantNotFound(request.params.tenant);
  const form = readForm(request);
  const grantType = form.grant_type;
  if (!grantType) throw aadsts.missingParameter('grant_type');
  const grant = grants[grantType];
  if (!grant) throw aadsts.unsupportedGrantType(grantType);

  const basic = basicCredentials(request.headers.authorization);
  const clientId = form.client_id ?? basic?.id;
  if (!clientId) throw aadsts.missingParameter('client_id');
  const app = context.directory.application(tenant, clientId);
  if (!app) throw aadsts.applicationNotFound(clientId, tenant.domain);
  const audiences = assertionAudiences(context.baseUrl, tenant, request.headers.host);
  await authenticateClient(
    app,
    {
      assertion: form.client_assertion,
      assertionType: form.client_assertion_type,
      secret: form.client_secret ?? basic?.secret,
    },
    audiences,
    state.assertions,
  );
  return grant(context, state, { tenant, app, form });
}

/** Entra reads only form-encoded bodies; anything else is a request without parameters. */
function readForm(request: FastifyRequest): Form {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/x-www-form-urlencoded')) return {};
  return firstValues(request.body);
}

// OpenID Connect discovery, the signing keys, and instance discovery: what msal-node reads before its first
// token request, shaped like Entra's documents so an unmodified client finds every endpoint it needs.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { aadsts, sendJsonError } from './aadsts-error.ts';
import { tenantEndpoints } from './endpoints.ts';
import { jwks } from './signing-key.ts';

interface TenantParams {
  readonly tenant: string;
}

export function registerDiscoveryRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get<{ Params: TenantParams }>('/:tenant/v2.0/.well-known/openid-configuration', async (request, reply) => {
    const tenant = context.directory.tenant(request.params.tenant);
    if (!tenant) return sendJsonError(reply, request, aadsts.tenantNotFound(request.params.tenant, 'invalid_tenant'));
    return reply.header('cache-control', 'max-age=86400, private').send(openIdConfiguration(context, tenant.id));
  });

  app.get<{ Params: TenantParams }>('/:tenant/discovery/v2.0/keys', async (request, reply) => {
    const tenant = context.directory.tenant(request.params.tenant);
    if (!tenant) return sendJsonError(reply, request, aadsts.tenantNotFound(request.params.tenant, 'invalid_tenant'));
    return reply.header('cache-control', 'max-age=86400, private').send(jwks(context.signingKey));
  });

  app.get<{ Querystring: { authorization_endpoint?: string } }>(
    '/common/discovery/instance',
    async (request, reply) => {
      const discovery = instanceDiscovery(context, request.headers.host, request.query.authorization_endpoint);
      if (!discovery) {
        return reply.status(400).send({
          error: 'invalid_instance',
          error_description: 'AADSTS50049: Unknown or invalid instance.',
          error_codes: [50049],
        });
      }
      return reply.header('cache-control', 'max-age=86400, private').send(discovery);
    },
  );
}

export function openIdConfiguration(context: EmulatorContext, tenantId: string): Record<string, unknown> {
  const endpoints = tenantEndpoints(context.baseUrl, tenantId);
  const host = new URL(context.baseUrl).host;
  return {
    token_endpoint: endpoints.token,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: endpoints.keys,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    code_challenge_methods_supported: ['S256'],
    issuer: endpoints.issuer,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${context.baseUrl}/oidc/userinfo`,
    authorization_endpoint: endpoints.authorize,
    device_authorization_endpoint: endpoints.deviceCode,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: endpoints.logout,
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'auth_time',
      'nonce',
      'preferred_username',
      'name',
      'tid',
      'ver',
      'oid',
      'email',
    ],
    tenant_region_scope: 'EU',
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: host,
    msgraph_host: host,
    rbac_url: 'https://pas.windows.net',
  };
}

/**
 * Answers for an authorization endpoint on this emulator only (its address or `localhost` on the same port); for
 * anything else Entra says the instance is unknown.
 */
function instanceDiscovery(
  context: EmulatorContext,
  requestHost: string | undefined,
  authorizationEndpoint: string | undefined,
): Record<string, unknown> | undefined {
  if (!authorizationEndpoint || !URL.canParse(authorizationEndpoint)) return undefined;
  const url = new URL(authorizationEndpoint);
  const own = new URL(context.baseUrl);
  const aliases = [own.host, `localhost:${own.port}`];
  if (requestHost && !aliases.includes(requestHost.toLowerCase())) aliases.push(requestHost.toLowerCase());
  if (url.protocol !== 'https:' || !aliases.includes(url.host.toLowerCase())) return undefined;
  const tenant = url.pathname.split('/').filter(Boolean)[0] ?? 'common';
  return {
    tenant_discovery_endpoint: `${url.origin}/${tenant}/v2.0/.well-known/openid-configuration`,
    'api-version': '1.1',
    metadata: [{ preferred_network: own.host, preferred_cache: own.host, aliases }],
  };
}

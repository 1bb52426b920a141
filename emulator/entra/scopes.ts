// Reading `scope`: which resource a token is for (Graph, a national Graph, or the emulator itself) and which of
// the application's permissions are asked for, with Entra's errors for scopes it would refuse.
import { type EmulatorContext, graphAudiences } from '../context.ts';
import type { Application, Tenant } from '../directory.ts';
import type { IdentityState } from '../identity.ts';
import { aadsts } from './aadsts-error.ts';

/** OpenID Connect scopes: never tied to a resource, always allowed to be asked for. */
export const oidcScopes: readonly string[] = ['openid', 'profile', 'email', 'offline_access'];

const graphAppId = '00000003-0000-0000-c000-000000000000';
const defaultGraph = 'https://graph.microsoft.com';

/** The audiences a token may be issued for: Microsoft Graph in every cloud, and the emulator's own address. */
export interface ResourceCatalogue {
  readonly graphAudiences: readonly string[];
  readonly baseUrl: string;
}

export function resourceCatalogue(context: EmulatorContext): ResourceCatalogue {
  return { graphAudiences, baseUrl: context.baseUrl };
}

export interface DelegatedScopes {
  /** The `aud` of the access token. */
  readonly audience: string;
  /** The resource's permissions asked for, in the application registration's spelling. */
  readonly permissions: readonly string[];
  /** The OpenID Connect scopes asked for, lower case. */
  readonly oidc: readonly string[];
}

export function splitScopes(scope: string | undefined): string[] {
  return [...new Set((scope ?? '').split(/\s+/).filter(Boolean))];
}

/** `https://graph.microsoft.com/.default` and friends → the audience; Entra's AADSTS500011 for anything else. */
export function clientCredentialsAudience(catalogue: ResourceCatalogue, tenant: Tenant, scope: string): string {
  const scopes = splitScopes(scope).filter((s) => !oidcScopes.includes(s.toLowerCase()));
  if (scopes.length === 0) throw aadsts.missingParameter('scope');
  const only = scopes[0] ?? '';
  if (scopes.length !== 1 || !only.toLowerCase().endsWith('/.default')) throw aadsts.clientCredentialsScope(scope);
  const resource = only.slice(0, -'/.default'.length);
  const audience = resolveResource(catalogue, resource);
  if (!audience) throw aadsts.resourceNotFound(resource, tenant.domain);
  return audience;
}

/**
 * Scopes of a delegated request (authorize, code and refresh grants). Short names mean Microsoft Graph;
 * `{resource}/.default` means every delegated permission of the registration; everything asked for must be a
 * delegated permission of the registration (this emulator's apps have static permissions only).
 */
export function parseDelegatedScopes(
  catalogue: ResourceCatalogue,
  tenant: Tenant,
  app: Application,
  scope: string | undefined,
): DelegatedScopes {
  const registered = app.delegatedPermissions.filter((p) => !oidcScopes.includes(p.toLowerCase()));
  const audiences = new Set<string>();
  const permissions = new Set<string>();
  const oidc = new Set<string>();
  for (const requested of splitScopes(scope)) {
    if (oidcScopes.includes(requested.toLowerCase())) {
      oidc.add(requested.toLowerCase());
      continue;
    }
    const slash = requested.lastIndexOf('/');
    const qualified = slash > 0 && (/^https?:\/\//i.test(requested) || requested.startsWith(graphAppId));
    const resource = qualified ? requested.slice(0, slash) : defaultGraph;
    const name = qualified ? requested.slice(slash + 1) : requested;
    const audience = resolveResource(catalogue, resource);
    if (!audience) throw aadsts.resourceNotFound(resource, tenant.domain);
    audiences.add(audience);
    if (name === '.default') {
      for (const permission of registered) permissions.add(permission);
      continue;
    }
    const permission = registered.find((p) => p.toLowerCase() === name.toLowerCase());
    if (!permission) throw aadsts.scopeNotOnResource(app.displayName || app.clientId, requested);
    permissions.add(permission);
  }
  if (audiences.size > 1) throw aadsts.multipleResources();
  return { audience: [...audiences][0] ?? defaultGraph, permissions: [...permissions], oidc: [...oidc] };
}

/** Every scope the user must have consented to for this request. */
export function consentScopes(scopes: DelegatedScopes): string[] {
  return [...scopes.permissions, ...scopes.oidc];
}

export function missingConsent(
  identity: IdentityState,
  userId: string,
  clientId: string,
  scopes: DelegatedScopes,
): string[] {
  const consented = identity.consentedScopes(userId, clientId);
  return consentScopes(scopes).filter((scope) => !consented.has(scope));
}

/**
 * What a delegated access token carries in `scp`: every permission the user consented to for this application
 * (Entra puts all consented scopes of the resource in the token, not just the requested ones), plus the OpenID
 * scopes of this request other than offline_access.
 */
export function grantedScp(identity: IdentityState, userId: string, app: Application, scopes: DelegatedScopes) {
  const consented = identity.consentedScopes(userId, app.clientId);
  const permissions = app.delegatedPermissions.filter((p) => !oidcScopes.includes(p.toLowerCase()) && consented.has(p));
  const oidc = scopes.oidc.filter((s) => s !== 'offline_access');
  return [...new Set([...permissions, ...scopes.permissions, ...oidc])];
}

/** The `scope` of the token response: Graph's permissions by short name, other resources' fully qualified. */
export function responseScope(scopes: DelegatedScopes, scp: readonly string[]): string {
  const permissions = scp.filter((s) => !oidcScopes.includes(s));
  const qualified = scopes.audience === defaultGraph ? permissions : permissions.map((p) => `${scopes.audience}/${p}`);
  return [...qualified, ...scopes.oidc].join(' ');
}

function resolveResource(catalogue: ResourceCatalogue, resource: string): string | undefined {
  const key = resource.replace(/\/+$/, '').toLowerCase();
  if (key === graphAppId) return defaultGraph;
  const graph = catalogue.graphAudiences.find((audience) => audience !== graphAppId && audience.toLowerCase() === key);
  if (graph) return graph;
  if (catalogue.baseUrl && key === catalogue.baseUrl.toLowerCase()) return catalogue.baseUrl;
  return undefined;
}

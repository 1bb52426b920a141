// Access tokens for Graph: signed JWTs shaped like Entra's (v1.0 tokens, as Graph gets them), and their checking.
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import type { Application, Tenant, User } from '../directory.ts';
import type { SigningKey } from './signing-key.ts';

/** What Graph's side needs to know about the caller, read from a verified token. */
export type Principal =
  | {
      readonly kind: 'application';
      readonly tenantId: string;
      readonly clientId: string;
      readonly roles: readonly string[];
    }
  | {
      readonly kind: 'delegated';
      readonly tenantId: string;
      readonly clientId: string;
      readonly userId: string;
      readonly scopes: readonly string[];
    };

export interface AccessTokenClaims {
  readonly aud: string;
  readonly tid: string;
  readonly appid: string;
  readonly oid: string;
  readonly idtyp: 'app' | 'user';
  readonly roles?: string[];
  readonly scp?: string;
  readonly exp: number;
}

export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

export interface IssuedToken {
  readonly token: string;
  readonly expiresIn: number;
}

export async function issueAppToken(
  key: SigningKey,
  tenant: Tenant,
  app: Application,
  audience: string,
  lifetimeSeconds: number,
): Promise<IssuedToken> {
  const claims = {
    tid: tenant.id,
    appid: app.clientId,
    app_displayname: app.displayName,
    idtyp: 'app',
    oid: app.servicePrincipalId,
    roles: [...app.applicationPermissions],
    ver: '1.0',
  };
  return sign(key, claims, tenant, app.servicePrincipalId, audience, lifetimeSeconds);
}

export async function issueDelegatedToken(
  key: SigningKey,
  tenant: Tenant,
  app: Application,
  user: User,
  scopes: readonly string[],
  audience: string,
  lifetimeSeconds: number,
): Promise<IssuedToken> {
  const claims = {
    tid: tenant.id,
    appid: app.clientId,
    app_displayname: app.displayName,
    idtyp: 'user',
    oid: user.id,
    upn: user.userPrincipalName,
    unique_name: user.userPrincipalName,
    name: user.displayName,
    scp: scopes.join(' '),
    ver: '1.0',
  };
  return sign(key, claims, tenant, user.id, audience, lifetimeSeconds);
}

async function sign(
  key: SigningKey,
  claims: Record<string, unknown>,
  tenant: Tenant,
  subject: string,
  audience: string,
  lifetimeSeconds: number,
): Promise<IssuedToken> {
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({ ...claims, uti: randomUUID().replaceAll('-', '') })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(`https://sts.windows.net/${tenant.id}/`)
    .setSubject(subject)
    .setAudience(audience)
    .setIssuedAt(now)
    .setNotBefore(now - 300)
    .setExpirationTime(now + lifetimeSeconds)
    .sign(key.privateKey);
  return { token, expiresIn: lifetimeSeconds };
}

/**
 * Verifies signature, lifetime and audience, and returns who is calling. Verified tokens are remembered until
 * they expire, so a busy client pays for the RSA check once per token, not once per request.
 */
export class AccessTokenVerifier {
  private readonly cache = new Map<string, { principal: Principal; exp: number }>();
  private readonly key: () => SigningKey;
  private readonly audiences: readonly string[];

  constructor(key: () => SigningKey, audiences: readonly string[]) {
    this.key = key;
    this.audiences = audiences.map((audience) => audience.replace(/\/$/, ''));
  }

  async verify(token: string): Promise<Principal> {
    const nowSeconds = Date.now() / 1000;
    const cached = this.cache.get(token);
    if (cached) {
      if (cached.exp > nowSeconds) return cached.principal;
      this.cache.delete(token);
      throw new InvalidTokenError('Lifetime validation failed, the token is expired.');
    }
    let payload: AccessTokenClaims;
    try {
      ({ payload } = (await jwtVerify(token, this.key().publicKey, { algorithms: ['RS256'] })) as unknown as {
        payload: AccessTokenClaims;
      });
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'ERR_JWT_EXPIRED') throw new InvalidTokenError('Lifetime validation failed, the token is expired.');
      throw new InvalidTokenError('IDX10511: Signature validation failed.');
    }
    if (!this.audiences.includes(payload.aud.replace(/\/$/, ''))) {
      throw new InvalidTokenError(`Invalid audience '${payload.aud}'.`);
    }
    const principal: Principal =
      payload.idtyp === 'app'
        ? { kind: 'application', tenantId: payload.tid, clientId: payload.appid, roles: payload.roles ?? [] }
        : {
            kind: 'delegated',
            tenantId: payload.tid,
            clientId: payload.appid,
            userId: payload.oid,
            scopes: (payload.scp ?? '').split(' ').filter(Boolean),
          };
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(token, { principal, exp: payload.exp });
    return principal;
  }
}

// ID tokens (v2.0): who signed in, for the application itself; msal-node builds its account from them.
import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { Application, Tenant, User } from '../directory.ts';
import type { SigningKey } from './signing-key.ts';

export interface IdTokenOptions {
  readonly issuer: string;
  readonly nonce: string | undefined;
  readonly authTime: number | undefined;
  readonly includeEmail: boolean;
  readonly lifetimeSeconds: number;
}

export async function issueIdToken(
  key: SigningKey,
  tenant: Tenant,
  app: Application,
  user: User,
  options: IdTokenOptions,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const claims: Record<string, unknown> = {
    name: user.displayName,
    oid: user.id,
    preferred_username: user.userPrincipalName,
    tid: tenant.id,
    uti: randomUUID().replaceAll('-', ''),
    ver: '2.0',
  };
  if (options.nonce !== undefined) claims.nonce = options.nonce;
  if (options.authTime !== undefined) claims.auth_time = options.authTime;
  if (options.includeEmail) claims.email = user.userPrincipalName;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuer(options.issuer)
    .setAudience(app.clientId)
    .setSubject(pairwiseSubject(user, app))
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + options.lifetimeSeconds)
    .sign(key.privateKey);
}

/** Entra's `sub` is pairwise: the same user has a different, stable subject for each application. */
export function pairwiseSubject(user: User, app: Application): string {
  return createHash('sha256').update(`${user.id}|${app.clientId}`).digest('base64url').slice(0, 43);
}

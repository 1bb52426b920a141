// Checks a certificate-signed client assertion (RFC 7523, private_key_jwt) the way Entra does: the certificate by
// thumbprint (`x5t#S256` or SHA-1 `x5t`), the signature (PS256 or RS256), `iss`/`sub`, `aud`, `nbf`/`exp`, `jti`.
import { createHash } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import type { Application, RegisteredCertificate } from '../directory.ts';
import { aadsts } from './aadsts-error.ts';

/** Clock skew tolerated on `nbf` and `exp`, as Entra allows. */
export const clockSkewSeconds = 300;
/** An assertion that claims to be valid for longer than this is refused (msal makes them for 10 minutes). */
export const maxAssertionLifetimeSeconds = 24 * 3600;

interface AssertionClaims {
  readonly iss?: unknown;
  readonly sub?: unknown;
  readonly aud?: unknown;
  readonly exp?: unknown;
  readonly nbf?: unknown;
  readonly iat?: unknown;
  readonly jti?: unknown;
}

/**
 * Remembers each `jti` until its assertion expires. Presenting the very same assertion again is accepted, because
 * msal (every MSAL, in fact) caches its signed assertion for its 10-minute lifetime and sends it with each token
 * request in that window, and Entra accepts that; a *different* assertion that recycles a used `jti` is refused.
 */
export class AssertionLedger {
  private readonly seen = new Map<string, { readonly digest: string; readonly exp: number }>();
  private insertsSincePrune = 0;

  /** False when the jti was already used by another assertion of this client. */
  remember(clientId: string, jti: string, assertion: string, exp: number, nowSeconds: number): boolean {
    const key = `${clientId}|${jti}`;
    const digest = createHash('sha256').update(assertion).digest('base64');
    const earlier = this.seen.get(key);
    if (earlier && earlier.exp + clockSkewSeconds >= nowSeconds) return earlier.digest === digest;
    this.seen.set(key, { digest, exp });
    if (++this.insertsSincePrune >= 1024) this.prune(nowSeconds);
    return true;
  }

  private prune(nowSeconds: number): void {
    this.insertsSincePrune = 0;
    for (const [key, entry] of this.seen) if (entry.exp + clockSkewSeconds < nowSeconds) this.seen.delete(key);
  }
}

/** Throws the AadstsError Entra would answer with; returns quietly when the assertion authenticates the client. */
export async function verifyClientAssertion(
  assertion: string,
  app: Application,
  audiences: ReadonlySet<string>,
  ledger: AssertionLedger,
): Promise<void> {
  let header: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(assertion) as Record<string, unknown>;
  } catch {
    // Not a JWS at all: Entra's answer names no detail either.
    throw aadsts.malformedAssertion();
  }
  if (assertion.split('.').length !== 3 || (header.alg !== 'PS256' && header.alg !== 'RS256')) {
    throw aadsts.malformedAssertion();
  }
  const x5tS256 = typeof header['x5t#S256'] === 'string' ? header['x5t#S256'] : undefined;
  const x5t = typeof header.x5t === 'string' ? header.x5t : undefined;
  const thumbprintHex = Buffer.from(x5tS256 ?? x5t ?? '', 'base64url')
    .toString('hex')
    .toUpperCase();
  const certificate = app.certificates.find(
    (c) => (x5tS256 !== undefined && c.x5tS256 === x5tS256) || (x5t !== undefined && c.x5t === x5t),
  );
  if (!certificate) throw aadsts.certificateNotRegistered(thumbprintHex, app.clientId);

  const now = new Date();
  const window = keyWindow(certificate);
  if (now < certificate.notBefore || now > certificate.notAfter) {
    throw aadsts.invalidAssertionSignature('The key used is expired.', thumbprintHex, window);
  }
  let claims: AssertionClaims;
  try {
    const { payload } = await compactVerify(assertion, certificate.publicKey, { algorithms: ['PS256', 'RS256'] });
    claims = JSON.parse(Buffer.from(payload).toString('utf8')) as AssertionClaims;
  } catch {
    // Any failure here (signature, payload that is not JSON) is a signature that does not verify, as Entra says.
    throw aadsts.invalidAssertionSignature(
      'The provided signature value did not match the expected signature value.',
      thumbprintHex,
      window,
    );
  }

  const clientId = app.clientId.toLowerCase();
  if (String(claims.iss).toLowerCase() !== clientId || String(claims.sub).toLowerCase() !== clientId) {
    throw aadsts.assertionSubjectMismatch();
  }
  const claimed = Array.isArray(claims.aud) ? claims.aud.map(String) : [String(claims.aud)];
  if (!claimed.some((aud) => audiences.has(aud.replace(/\/+$/, '').toLowerCase()))) {
    throw aadsts.assertionAudienceMismatch(claimed.join(', '));
  }
  checkLifetime(claims, now);
  if (typeof claims.jti === 'string' && claims.jti !== '') {
    const fresh = ledger.remember(clientId, claims.jti, assertion, Number(claims.exp), now.getTime() / 1000);
    if (!fresh) throw aadsts.assertionJtiReused(claims.jti);
  }
}

function checkLifetime(claims: AssertionClaims, now: Date): void {
  const seconds = now.getTime() / 1000;
  const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
  const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
  const start = nbf ?? (typeof claims.iat === 'number' ? claims.iat : undefined);
  const outOfTime = () =>
    aadsts.assertionOutOfTime(
      now,
      start === undefined ? undefined : new Date(start * 1000),
      exp === undefined ? undefined : new Date(exp * 1000),
    );
  if (exp === undefined || exp + clockSkewSeconds <= seconds) throw outOfTime();
  if (nbf !== undefined && nbf - clockSkewSeconds > seconds) throw outOfTime();
  if (exp - (start ?? seconds) > maxAssertionLifetimeSeconds) throw outOfTime();
}

/** `Start=08/10/2023 06:08:41, End=08/10/2025 06:08:41`, as Entra describes a registered key. */
function keyWindow(certificate: RegisteredCertificate): string {
  const format = (date: Date) => {
    const iso = date.toISOString();
    return `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)} ${iso.slice(11, 19)}`;
  };
  return `Start=${format(certificate.notBefore)}, End=${format(certificate.notAfter)}`;
}

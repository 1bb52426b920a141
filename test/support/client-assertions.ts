// Hand-built client assertions (what msal-node builds, but with any claim or header changed) and a raw token
// request, for the token endpoint's refusals msal itself would never provoke.
import { createPrivateKey, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { TestCertificate } from './certificates.ts';
import { clientId, type TestEmulator, tenantId } from './emulator.ts';

export interface AssertionOptions {
  readonly certificate: TestCertificate;
  readonly alg?: 'PS256' | 'RS256';
  /** Seconds since the epoch; default now. */
  readonly nbf?: number;
  readonly exp?: number;
  readonly jti?: string;
  readonly aud?: string;
  readonly iss?: string;
  /** Sign with this key instead of the certificate's own. */
  readonly signingKeyPem?: string;
}

export async function buildAssertion(emulator: TestEmulator, options: AssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const alg = options.alg ?? 'PS256';
  const thumbprint = Buffer.from(alg === 'PS256' ? options.certificate.sha256Hex : options.certificate.sha1Hex, 'hex');
  const header =
    alg === 'PS256'
      ? { alg, typ: 'JWT', 'x5t#S256': thumbprint.toString('base64url') }
      : { alg, typ: 'JWT', x5t: thumbprint.toString('base64url') };
  const issuer = options.iss ?? clientId;
  return new SignJWT({ jti: options.jti ?? randomUUID() })
    .setProtectedHeader(header)
    .setIssuer(issuer)
    .setSubject(issuer)
    .setAudience(options.aud ?? tokenEndpoint(emulator))
    .setNotBefore(options.nbf ?? now)
    .setIssuedAt(options.nbf ?? now)
    .setExpirationTime(options.exp ?? now + 600)
    .sign(createPrivateKey(options.signingKeyPem ?? options.certificate.keyPem));
}

export function tokenEndpoint(emulator: TestEmulator, tenant = tenantId): string {
  return `${emulator.url}/${tenant}/oauth2/v2.0/token`;
}

export interface TokenAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/** POSTs a form to the token endpoint and returns the status and the parsed JSON answer. */
export async function postTokenForm(
  emulator: TestEmulator,
  form: Readonly<Record<string, string>>,
  tenant = tenantId,
): Promise<TokenAnswer> {
  const response = await emulator.fetch(tokenEndpoint(emulator, tenant), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function clientCredentialsForm(assertion: string): Record<string, string> {
  return {
    grant_type: 'client_credentials',
    client_id: clientId,
    scope: 'https://graph.microsoft.com/.default',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
  };
}

// Authenticates a confidential client at the token endpoint: a certificate-signed assertion, or a secret sent in
// the form (client_secret_post) or as HTTP Basic (client_secret_basic).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Application } from '../directory.ts';
import { aadsts } from './aadsts-error.ts';
import { type AssertionLedger, verifyClientAssertion } from './client-assertion.ts';

export const jwtBearerAssertionType = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export interface ClientCredentials {
  readonly assertion: string | undefined;
  readonly assertionType: string | undefined;
  readonly secret: string | undefined;
}

export async function authenticateClient(
  app: Application,
  credentials: ClientCredentials,
  audiences: ReadonlySet<string>,
  ledger: AssertionLedger,
): Promise<void> {
  if (credentials.assertion !== undefined) {
    if (credentials.assertionType !== jwtBearerAssertionType) throw aadsts.invalidAssertionType();
    return verifyClientAssertion(credentials.assertion, app, audiences, ledger);
  }
  if (credentials.secret !== undefined) {
    const sent = digest(credentials.secret);
    if (!app.secrets.some((secret) => timingSafeEqual(digest(secret), sent))) {
      throw aadsts.invalidClientSecret(app.clientId);
    }
    return;
  }
  throw aadsts.missingClientCredential();
}

/** `Authorization: Basic base64(client_id:client_secret)`, each part form-encoded (RFC 6749 §2.3.1). */
export function basicCredentials(authorization: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (part: string) => decodeURIComponent(part.replaceAll('+', ' '));
  try {
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch (error) {
    // A malformed percent-escape: the header carries no usable credentials, as if it were absent.
    if (error instanceof URIError) return undefined;
    throw error;
  }
}

/** Equal-length digests, so comparing secrets leaks neither content nor length through timing. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

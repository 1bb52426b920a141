// The key Entra signs tokens with, published at the JWKS endpoint. Generated once and kept in the --state file.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { deterministicGuid } from '../directory.ts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  /** PKCS#8 PEM, for the state file. */
  readonly privateKeyPem: string;
}

export function generateSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export function signingKeyFromPem(privateKeyPem: string): SigningKey {
  const privateKey = createPrivateKey(privateKeyPem);
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return { kid: deterministicGuid(der.toString('base64')).replaceAll('-', ''), privateKey, publicKey, privateKeyPem };
}

/** The JSON Web Key Set document (`/{tenant}/discovery/v2.0/keys`). */
export function jwks(key: SigningKey): { keys: Record<string, unknown>[] } {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return { keys: [{ ...jwk, kid: key.kid, kty: 'RSA', use: 'sig', alg: 'RS256' }] };
}

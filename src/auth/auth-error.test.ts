import { AuthError as MsalAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { aadstsCode, authErrorFrom } from './auth-error.ts';

describe('authErrorFrom', () => {
  it("takes the AADSTS code and the first line of Entra's description from msal's ServerError", () => {
    const server = new ServerError(
      'invalid_client',
      'corr-1',
      'AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.\r\nTrace ID: t\r\nCorrelation ID: c',
    );
    const error = authErrorFrom(server, 'Getting a token');
    expect(error).toMatchObject({
      code: 'AUTH_TOKEN',
      aadsts: 'AADSTS700027',
      oauthError: 'invalid_client',
      correlationId: 'corr-1',
    });
    expect(error.message).toBe(
      'Getting a token failed: AADSTS700027: The certificate with identifier used to sign the client assertion is not registered on application.',
    );
    expect(error.cause).toBe(server);
  });

  it("falls back to Entra's last answer when msal reports only its own code", () => {
    const msal = new MsalAuthError('endpoints_resolution_error', '', 'Endpoints cannot be resolved');
    const error = authErrorFrom(msal, 'Getting a token', "AADSTS90002: Tenant 'x' not found.\r\nTrace ID: t");
    expect(error).toMatchObject({ aadsts: 'AADSTS90002', oauthError: 'endpoints_resolution_error' });
    expect(error.message).toBe("Getting a token failed: AADSTS90002: Tenant 'x' not found.");
  });

  it('keeps network failures without an AADSTS code', () => {
    const error = authErrorFrom(
      new MsalAuthError('network_error', '', 'Network request failed: ECONNREFUSED'),
      'Getting a token',
    );
    expect(error).toMatchObject({ aadsts: undefined, oauthError: 'network_error' });
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('aadstsCode', () => {
  it('finds the first code in any text', () => {
    expect(aadstsCode(undefined, 'x', 'invalid_grant: AADSTS50173: The provided grant has expired')).toBe(
      'AADSTS50173',
    );
    expect(aadstsCode('no code here')).toBeUndefined();
  });
});

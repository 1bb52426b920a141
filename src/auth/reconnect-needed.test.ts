import { AuthError, ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { isReconnectNeeded, reconnectNeeded } from './reconnect-needed.ts';

/** What msal-node throws for an Entra error answer (errorNo is a number at run time, though typed string). */
function serverError(error: string, code: number, subError?: string): ServerError {
  return new ServerError(
    error,
    'c0',
    `Error(s): ${code} - Description: AADSTS${code}: …`,
    subError,
    code as never,
    400,
  );
}

describe('reconnectNeeded', () => {
  it.each([
    [50173, 'revoked'],
    [700082, 'expired'],
    [70008, 'expired'],
    [54005, 'code-already-used'],
    [9002313, 'grant-invalid'],
  ])('recognises invalid_grant AADSTS%i as %s', (code, reason) => {
    expect(reconnectNeeded(serverError('invalid_grant', code))).toMatchObject({ reason, aadsts: code });
  });

  it('recognises missing consent, which msal raises as an InteractionRequiredAuthError', () => {
    const error = new InteractionRequiredAuthError(
      'invalid_grant',
      'c0',
      'AADSTS65001: The user or administrator has not consented …',
      'consent_required',
      '',
      '',
      '',
      '65001',
    );
    expect(reconnectNeeded(error)).toMatchObject({ reason: 'consent-missing', aadsts: 65001 });
  });

  it('reads the AADSTS code from the message when errorNo is missing', () => {
    const error = new ServerError('invalid_grant', 'c0', 'AADSTS700082: The refresh token has expired …');
    expect(reconnectNeeded(error)).toMatchObject({ reason: 'expired', aadsts: 700082 });
  });

  it('recognises msal\u2019s own verdict that no refresh token is cached for the account', () => {
    expect(reconnectNeeded(new InteractionRequiredAuthError('no_tokens_found', 'c0'))).toMatchObject({
      reason: 'no-refresh-token',
    });
  });

  it('treats any other invalid_grant or interaction_required as "sign in again"', () => {
    expect(reconnectNeeded(serverError('invalid_grant', 500112))).toMatchObject({ reason: 'grant-invalid' });
    expect(reconnectNeeded(serverError('interaction_required', 53003))).toMatchObject({
      reason: 'interaction-required',
    });
  });

  it('does not ask a person to reconnect for an application or network problem', () => {
    expect(isReconnectNeeded(serverError('invalid_client', 7000215))).toBe(false);
    expect(isReconnectNeeded(serverError('invalid_client', 700027))).toBe(false);
    expect(isReconnectNeeded(serverError('invalid_request', 90002))).toBe(false);
    expect(isReconnectNeeded(new ClientAuthError('network_error', 'c0'))).toBe(false);
    expect(isReconnectNeeded(new AuthError('endpoints_resolution_error', 'c0'))).toBe(false);
    expect(isReconnectNeeded(new Error('ECONNRESET'))).toBe(false);
    expect(isReconnectNeeded(undefined)).toBe(false);
  });
});

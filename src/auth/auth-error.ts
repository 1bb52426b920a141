// A token request that failed, with Entra's AADSTS code pulled out of msal's error so the doctor and the person
// status can say what to do (AADSTS700027: certificate not registered, AADSTS7000215: wrong secret, …).
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

/** Code `AUTH_TOKEN`; Entra's code in `aadsts`, the OAuth error (`invalid_client`, `invalid_grant`) in `oauthError`. */
export class AuthError extends TimetableSyncError {
  /** `AADSTS700027` and so on, when Entra sent one. */
  readonly aadsts: string | undefined;
  /** msal's errorCode: the OAuth `error` (`invalid_client`, `invalid_grant`) or msal's own (`network_error`). */
  readonly oauthError: string | undefined;
  readonly correlationId: string | undefined;

  constructor(
    message: string,
    fields: { aadsts?: string | undefined; oauthError?: string | undefined; correlationId?: string | undefined },
    options?: ErrorOptions,
  ) {
    super('AUTH_TOKEN', message, options);
    this.aadsts = fields.aadsts;
    this.oauthError = fields.oauthError;
    this.correlationId = fields.correlationId;
  }
}

/** The first `AADSTS<digits>` in any of the texts, or from msal's numeric `errorNo`. */
export function aadstsCode(...texts: readonly unknown[]): string | undefined {
  for (const text of texts) {
    if (typeof text !== 'string') continue;
    const match = /AADSTS\d+/.exec(text);
    if (match) return match[0];
  }
  return undefined;
}

/**
 * Wraps whatever msal threw (its AuthError/ServerError, or a network failure) into our AuthError. `entraAnswer` is
 * the `error_description` of Entra's last error answer, for failures msal reports without it (an unknown tenant
 * fails in metadata discovery, and msal says only `endpoints_resolution_error`).
 */
export function authErrorFrom(error: unknown, what: string, entraAnswer?: string): AuthError {
  if (error instanceof AuthError) return error;
  const e = (error ?? {}) as {
    errorCode?: unknown;
    errorMessage?: unknown;
    errorNo?: unknown;
    message?: unknown;
    correlationId?: unknown;
  };
  const ownAadsts =
    aadstsCode(e.errorMessage, e.errorCode, e.message) ??
    (typeof e.errorNo === 'string' && /^\d+$/.test(e.errorNo) ? `AADSTS${e.errorNo}` : undefined);
  const fromAnswer = ownAadsts ? undefined : aadstsCode(entraAnswer);
  const aadsts = ownAadsts ?? fromAnswer;
  const detail =
    fromAnswer && entraAnswer
      ? entraAnswer
      : typeof e.errorMessage === 'string' && e.errorMessage.length > 0
        ? e.errorMessage
        : typeof e.message === 'string'
          ? e.message
          : String(error);
  // Entra appends trace and correlation ids on new lines; the first line is the part an admin reads.
  const firstLine = detail.split(/\r?\n/)[0] ?? detail;
  return new AuthError(
    `${what} failed${aadsts && !firstLine.includes(aadsts) ? ` (${aadsts})` : ''}: ${firstLine}`,
    {
      aadsts,
      oauthError: typeof e.errorCode === 'string' && e.errorCode.length > 0 ? e.errorCode : undefined,
      correlationId: typeof e.correlationId === 'string' && e.correlationId.length > 0 ? e.correlationId : undefined,
    },
    { cause: error },
  );
}

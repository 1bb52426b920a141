// Why a person's delegated connection cannot be used, with a code and a sentence for them and for the admin. Every
// one of these means "sign in again" (reconnect): no retry can fix it, so the engine stops trying (status
// `reconnect_needed`) until the person connects again.
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

export type DelegatedAuthErrorCode =
  /** Entra refused the refresh (revoked, expired, consent removed: AADSTS50173, 700082, 70008, 65001, …). */
  | 'RECONNECT_NEEDED'
  /** We hold no tokens for the person (never connected, or disconnected). */
  | 'NOT_CONNECTED'
  /** The stored cache cannot be decrypted with the configured token key (the key changed, or the row is damaged). */
  | 'TOKEN_CACHE_UNREADABLE';

export class DelegatedAuthError extends TimetableSyncError {
  declare readonly code: DelegatedAuthErrorCode;
  readonly personId: string;
  /** Entra's code (`AADSTS50173`), when Entra gave one: what the status and dashboard group by. */
  readonly aadstsCode: string | undefined;

  constructor(
    code: DelegatedAuthErrorCode,
    personId: string,
    message: string,
    fields: { readonly aadstsCode?: string | undefined } = {},
    options?: ErrorOptions,
  ) {
    super(code, message, options);
    this.personId = personId;
    this.aadstsCode = fields.aadstsCode;
  }
}

/** True when only the person signing in again can fix the failure (their status becomes `reconnect_needed`). */
export function needsReconnect(error: unknown): error is DelegatedAuthError {
  return error instanceof DelegatedAuthError;
}

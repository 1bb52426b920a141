// Recognises the msal-node errors that mean a person's delegated connection is gone for good (refresh token
// revoked or expired, consent removed, a code already used) and they must sign in again — as opposed to a
// failure that retrying, or an administrator fixing the app registration, would cure.

export type ReconnectReason =
  | 'revoked'
  | 'expired'
  | 'consent-missing'
  | 'code-already-used'
  | 'interaction-required'
  | 'no-refresh-token'
  | 'grant-invalid';

export interface ReconnectNeeded {
  readonly reason: ReconnectReason;
  /** Entra's AADSTS number, when the service gave one (e.g. 50173). */
  readonly aadsts: number | undefined;
  /** One sentence for the person or the admin; no token material. */
  readonly explanation: string;
}

const knownCodes: Readonly<Record<number, { reason: ReconnectReason; explanation: string }>> = {
  50173: {
    reason: 'revoked',
    explanation: 'Microsoft revoked the sign-in (password changed or reset, or an administrator revoked sessions).',
  },
  700082: { reason: 'expired', explanation: 'The sign-in expired after 90 days without use.' },
  700084: { reason: 'expired', explanation: 'The sign-in expired (single-page app refresh tokens last 24 hours).' },
  70008: { reason: 'expired', explanation: 'The authorization code or refresh token expired.' },
  65001: {
    reason: 'consent-missing',
    explanation: 'The permission given to this application was removed, or never covered what it asks for.',
  },
  54005: { reason: 'code-already-used', explanation: 'The sign-in code was already used; sign in again.' },
  50076: { reason: 'interaction-required', explanation: 'Multi-factor authentication is required.' },
  50079: { reason: 'interaction-required', explanation: 'The person must register for multi-factor authentication.' },
  50078: { reason: 'interaction-required', explanation: 'The multi-factor authentication claim expired.' },
  50158: { reason: 'interaction-required', explanation: 'An external security challenge was not satisfied.' },
  9002313: { reason: 'grant-invalid', explanation: 'Microsoft does not recognise the stored refresh token.' },
  70000: { reason: 'grant-invalid', explanation: 'Microsoft refused the stored grant as invalid.' },
};

/** Server answers (`error`) that mean only the person, signing in again, can fix it. */
const interactiveErrors: readonly string[] = [
  'invalid_grant',
  'interaction_required',
  'consent_required',
  'login_required',
];
const interactiveSubErrors: readonly string[] = [
  'consent_required',
  'basic_action',
  'additional_action',
  'message_only',
  'user_password_expired',
  'bad_token',
];
/** msal's own verdicts when its cache holds no usable refresh token for the account. */
const clientVerdicts: Readonly<Record<string, { reason: ReconnectReason; explanation: string }>> = {
  no_tokens_found: { reason: 'no-refresh-token', explanation: 'No refresh token is stored for this person.' },
  refresh_token_expired: { reason: 'expired', explanation: 'The stored refresh token has expired.' },
};

/** What the error means for the person, or undefined when it is not a "sign in again" failure. */
export function reconnectNeeded(error: unknown): ReconnectNeeded | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { errorCode, subError, errorNo, errorMessage, message } = error as Record<string, unknown>;
  if (typeof errorCode !== 'string') return undefined;
  const clientVerdict = clientVerdicts[errorCode];
  if (clientVerdict) return { ...clientVerdict, aadsts: undefined };
  const interactive =
    interactiveErrors.includes(errorCode) || (typeof subError === 'string' && interactiveSubErrors.includes(subError));
  if (!interactive) return undefined;
  const aadsts = aadstsNumber(errorNo, `${String(errorMessage ?? '')} ${String(message ?? '')}`);
  const known = aadsts === undefined ? undefined : knownCodes[aadsts];
  if (known) return { ...known, aadsts };
  if (subError === 'consent_required' || errorCode === 'consent_required') {
    return { reason: 'consent-missing', aadsts, explanation: 'The person must consent to this application again.' };
  }
  return {
    reason: errorCode === 'invalid_grant' ? 'grant-invalid' : 'interaction-required',
    aadsts,
    explanation: 'Microsoft requires the person to sign in again.',
  };
}

export function isReconnectNeeded(error: unknown): boolean {
  return reconnectNeeded(error) !== undefined;
}

/** msal puts Entra's first `error_codes` entry in `errorNo` (a number at run time, typed string); else the text. */
function aadstsNumber(errorNo: unknown, text: string): number | undefined {
  const fromField = typeof errorNo === 'number' || typeof errorNo === 'string' ? Number(errorNo) : Number.NaN;
  if (Number.isInteger(fromField) && fromField > 0) return fromField;
  const match = /AADSTS(\d+)/.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}

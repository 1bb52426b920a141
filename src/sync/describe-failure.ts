// Turns any failure of a person's run into a sentence an admin can act on and a stable code to group by.
import { GraphError } from '../graph/graph-error.ts';
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

const graphAdvice: Readonly<Record<string, string>> = {
  MailboxNotEnabledForRESTAPI:
    'the user has no Exchange Online mailbox (none licensed, on-premises, or soft-deleted): give them an Exchange Online licence or remove them from the people to sync',
  ErrorInvalidUser: 'no such user in the tenant: check the mailbox address in the timetable source',
  ErrorAccessDenied:
    "the application may not open this mailbox: add the user to the application access policy's group (or RBAC scope), or check the Calendars.ReadWrite permission and admin consent",
};

export function describeFailure(error: unknown): { reason: string; code: string } {
  if (error instanceof GraphError) {
    const advice = graphAdvice[error.graphCode];
    return { reason: advice ? `${error.message} — ${advice}` : error.message, code: error.graphCode };
  }
  if (error instanceof TimetableSyncError) {
    const aadsts = (error as { aadstsCode?: string }).aadstsCode;
    return { reason: error.message, code: aadsts ?? error.code };
  }
  if (error instanceof Error) {
    return { reason: error.message, code: (error as { code?: string }).code ?? error.name };
  }
  return { reason: String(error), code: 'UNKNOWN' };
}

/** What to do about a code stored without its sentence (a failed write in the audit log, a status code). */
const codeAdvice: Readonly<Record<string, string>> = {
  ...graphAdvice,
  ErrorItemNotFound: 'the event was already gone from the calendar (the user deleted it); nothing to do',
  ErrorIrresolvableConflict:
    'the event changed in Outlook while we wrote it; the next reconcile reads it again and writes it back',
  TooManyRequests: 'Graph throttled the mailbox; the write is retried after Retry-After',
  ApplicationThrottled: 'Graph throttled the mailbox (too many requests at once); the write is retried later',
  ErrorQuotaExceeded: "the person's mailbox is full: they (or Exchange admins) must free space",
  NOT_IN_SOURCE: 'the person is not in the timetable source any more: fix the source, or purge them',
  SOURCE_UNREADABLE: 'the timetable source could not be read: check that it is reachable and valid',
  RECONNECT_NEEDED: 'the person revoked access or their sign-in expired: they must sign in again (Reconnect)',
  NOT_CONNECTED: 'no sign-in is stored for the person: they must connect their calendar again',
  TOKEN_CACHE_UNREADABLE:
    'the stored sign-in cannot be decrypted with web.tokenKey (the key changed?): restore the key, or the person reconnects',
  AADSTS50173: 'the sign-in was revoked (password reset, sessions revoked): the person must sign in again',
  AADSTS700082: 'the sign-in expired after 90 days without use: the person must sign in again',
  AADSTS70008: 'the sign-in expired: the person must sign in again',
  AADSTS65001: 'the permission was removed from the app: the person (or an admin) must consent again',
  AADSTS700027: "the app's certificate is not registered on the app registration (or the signature is wrong)",
  AADSTS7000215: "the app's client secret is wrong: check microsoft.clientSecretFile",
  AADSTS7000222: "the app's client secret expired: create a new one in the Entra admin center",
};

/** Advice for a stored code, or undefined when we have none (the stored sentence is all there is). */
export function adviceFor(code: string | null | undefined): string | undefined {
  if (!code) return undefined;
  if (code.startsWith('transport:')) return 'no answer from Graph (connection reset or timeout); retried later';
  return codeAdvice[code];
}

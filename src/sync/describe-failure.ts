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

// A mailbox Graph throttled for longer than the caller is willing to wait within one run. The run stops writing
// to it and says until when, so a job queue can hand the rest to a later job instead of holding a worker.
import { TimetableSyncError } from '../model/timetable-sync-error.ts';

/** Code `MAILBOX_THROTTLED`; `retryAt` is when Graph's Retry-After ends. */
export class MailboxThrottledError extends TimetableSyncError {
  readonly mailbox: string;
  readonly retryAt: Date;

  constructor(mailbox: string, retryAt: Date, cause?: Error) {
    super(
      'MAILBOX_THROTTLED',
      `Microsoft Graph throttled mailbox ${mailbox} until ${retryAt.toISOString()} (Retry-After); the remaining ` +
        'changes are written by a follow-up run then',
      { cause },
    );
    this.mailbox = mailbox;
    this.retryAt = retryAt;
  }
}

// Errors the pages answer with: a status, a title and a sentence the visitor can act on. One handler (app.ts)
// turns these, CSRF refusals, rate limits and anything unexpected into a page.
import { TimetableSyncError } from '../model/timetable-sync-error.ts';
import type { SafeHtml } from './html.ts';

export type WebErrorCode = 'NOT_SIGNED_IN' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST' | 'SIGN_IN_FAILED' | 'CONFLICT';

const statusOf: Readonly<Record<WebErrorCode, number>> = {
  NOT_SIGNED_IN: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  SIGN_IN_FAILED: 400,
  CONFLICT: 409,
};

export class WebError extends TimetableSyncError {
  declare readonly code: WebErrorCode;
  readonly status: number;
  readonly title: string;
  /** Extra markup under the message (a link to start again). */
  readonly action: SafeHtml | undefined;

  constructor(code: WebErrorCode, title: string, message: string, action?: SafeHtml) {
    super(code, message);
    this.status = statusOf[code];
    this.title = title;
    this.action = action;
  }
}

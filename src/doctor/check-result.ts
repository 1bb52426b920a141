// What one doctor check found: a status, one line saying what was found, and for a warning or failure the thing to
// do. Plain data, so the CLI prints it, `--json` serialises it and the web service's dashboard can show it.

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  /** Stable name of the check: `config`, `credential`, `clock`, `tenant`, `token`, `permissions`, `source`, … */
  readonly check: string;
  /** What the line is about, as printed: `configuration`, `mailbox s1@uni.example`. */
  readonly title: string;
  readonly status: CheckStatus;
  /** What was found, or (skip) why the check did not run. */
  readonly summary: string;
  /** What to do about a warning or failure, naming the concrete thing (a file, an app registration page). */
  readonly fix?: string | undefined;
  /** Microsoft's or our own code for the problem: `AADSTS700027`, `ErrorAccessDenied`, `CERT_WRONG_PASSWORD`. */
  readonly code?: string | undefined;
  /** Further lines: every configuration problem, Entra's own answer, Graph's message. */
  readonly details?: readonly string[] | undefined;
}

type Fields = Omit<CheckResult, 'check' | 'title' | 'status' | 'summary'>;

export function passed(check: string, title: string, summary: string, fields: Fields = {}): CheckResult {
  return { check, title, status: 'pass', summary, ...fields };
}

export function warned(check: string, title: string, summary: string, fields: Fields = {}): CheckResult {
  return { check, title, status: 'warn', summary, ...fields };
}

export function failed(check: string, title: string, summary: string, fields: Fields = {}): CheckResult {
  return { check, title, status: 'fail', summary, ...fields };
}

export function skipped(check: string, title: string, reason: string): CheckResult {
  return { check, title, status: 'skip', summary: reason };
}

/** A check that a later one needs "went through" when it passed or only warned. */
export function wentThrough(result: CheckResult | undefined): boolean {
  return result !== undefined && (result.status === 'pass' || result.status === 'warn');
}

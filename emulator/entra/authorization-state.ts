// What the authorize and token endpoints keep between requests, in memory only (Entra's are short-lived too):
// sign-in requests in progress, browser sessions, authorization codes, and the client assertions already seen.
import { randomBytes } from 'node:crypto';
import { AssertionLedger } from './client-assertion.ts';
import type { DelegatedScopes } from './scopes.ts';

/** Authorization codes expire 10 minutes after they are issued, as Entra's do. */
export const codeLifetimeMs = 10 * 60 * 1000;
/** A sign-in page left open longer than this must start again from the application. */
export const pendingLifetimeMs = 60 * 60 * 1000;

export type ResponseMode = 'query' | 'fragment' | 'form_post';
export type Prompt = 'login' | 'none' | 'consent' | 'select_account';

/** Where and how the answer of an authorization request goes back to the application. */
export interface ClientReturn {
  readonly redirectUri: string;
  readonly responseMode: ResponseMode;
  readonly state: string | undefined;
}

export interface PendingAuthorization extends ClientReturn {
  readonly id: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly scopes: DelegatedScopes;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly prompt: Prompt | undefined;
  readonly loginHint: string | undefined;
  readonly createdAt: number;
  /** Set once the user signed in or picked a signed-in account. */
  user?: { readonly id: string; readonly authTime: number };
}

export interface AuthorizationCode {
  readonly tenantId: string;
  readonly clientId: string;
  readonly userId: string;
  readonly redirectUri: string;
  readonly scopes: DelegatedScopes;
  readonly codeChallenge: string;
  readonly nonce: string | undefined;
  readonly authTime: number;
  readonly issuedAt: number;
  redeemed: boolean;
}

export interface SignedInAccount {
  readonly tenantId: string;
  readonly userId: string;
  /** Seconds since the epoch, the id token's `auth_time`. */
  readonly authTime: number;
}

/** A browser's sign-in session (the emulator's ESTSAUTH cookie): the accounts signed in with it. */
export interface Session {
  readonly id: string;
  accounts: SignedInAccount[];
}

export class AuthorizationState {
  readonly assertions = new AssertionLedger();
  private readonly pending = new Map<string, PendingAuthorization>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private readonly sessions = new Map<string, Session>();

  startAuthorization(request: Omit<PendingAuthorization, 'id' | 'createdAt'>): PendingAuthorization {
    this.prune();
    const pending: PendingAuthorization = { ...request, id: opaque(24), createdAt: Date.now() };
    this.pending.set(pending.id, pending);
    return pending;
  }

  /** The sign-in in progress with this id, for this tenant, if it has not expired. */
  pendingAuthorization(id: string | undefined, tenantId: string): PendingAuthorization | undefined {
    const pending = id ? this.pending.get(id) : undefined;
    if (!pending || pending.tenantId !== tenantId) return undefined;
    if (Date.now() - pending.createdAt > pendingLifetimeMs) {
      this.pending.delete(pending.id);
      return undefined;
    }
    return pending;
  }

  finishAuthorization(pending: PendingAuthorization): void {
    this.pending.delete(pending.id);
  }

  issueCode(grant: Omit<AuthorizationCode, 'issuedAt' | 'redeemed'>): string {
    const code = opaque(48);
    this.codes.set(code, { ...grant, issuedAt: Date.now(), redeemed: false });
    return code;
  }

  code(value: string): AuthorizationCode | undefined {
    return this.codes.get(value);
  }

  session(id: string | undefined): Session | undefined {
    return id ? this.sessions.get(id) : undefined;
  }

  /** Adds the account to the browser's session (a new session when it has none) and returns the session. */
  signIn(session: Session | undefined, account: SignedInAccount): Session {
    const target = session ?? { id: opaque(32), accounts: [] };
    target.accounts = [
      ...target.accounts.filter((a) => a.tenantId !== account.tenantId || a.userId !== account.userId),
      account,
    ];
    this.sessions.set(target.id, target);
    return target;
  }

  signOut(session: Session, tenantId: string): void {
    session.accounts = session.accounts.filter((account) => account.tenantId !== tenantId);
    if (session.accounts.length === 0) this.sessions.delete(session.id);
  }

  /** Redeemed and expired codes stay long enough to be answered with AADSTS54005 / AADSTS70008, then go. */
  private prune(): void {
    const now = Date.now();
    for (const [value, code] of this.codes) if (now - code.issuedAt > 2 * codeLifetimeMs) this.codes.delete(value);
    for (const [id, pending] of this.pending) if (now - pending.createdAt > pendingLifetimeMs) this.pending.delete(id);
  }
}

export function opaque(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

// Sessions live in the browser, sealed: the cookie holds the session encrypted and authenticated (AES-256-GCM with
// a key derived from the session key), so it can be neither read nor forged, and any number of web processes
// sharing the key can serve it. A second short-lived cookie carries a sign-in in progress (state, nonce, PKCE
// verifier) from /auth/sign-in to /auth/callback. Both are HttpOnly, SameSite=Lax, Secure (with the __Host-
// prefix) when the public URL is https.
import { hkdfSync, randomBytes } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CiphertextError, TokenCipher } from '../auth/delegated-token-cipher.ts';

export interface WebSession {
  /** Random per sign-in: CSRF tokens are bound to it. */
  readonly sid: string;
  readonly upn: string;
  readonly name: string;
  readonly objectId: string;
  /** The person this user is (their mailbox is the UPN), or null for someone with no timetable (an admin). */
  readonly personId: string | null;
  /** Member of `web.adminGroup` when they signed in. */
  readonly groupAdmin: boolean;
  /** Expiry, ms since the epoch. */
  readonly exp: number;
}

export interface SignInAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly exp: number;
}

export const SESSION_LIFETIME_MS = 8 * 3600_000;
export const SIGN_IN_LIFETIME_MS = 10 * 60_000;

/** A key for one purpose from the session key (cookies, cookie signing, CSRF), so no two uses share one. */
export function deriveKey(sessionKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionKey, Buffer.alloc(0), `timetable-sync ${purpose}`, 32));
}

export function newSessionId(): string {
  return randomBytes(18).toString('base64url');
}

export class SessionCookies {
  readonly secure: boolean;
  readonly sessionName: string;
  readonly signInName: string;
  private readonly cipher: TokenCipher;
  private readonly now: () => Date;

  constructor(options: { readonly sessionKey: Buffer; readonly secure: boolean; readonly now: () => Date }) {
    this.cipher = new TokenCipher(deriveKey(options.sessionKey, 'session cookie v1'));
    this.secure = options.secure;
    this.now = options.now;
    const prefix = options.secure ? '__Host-' : '';
    this.sessionName = `${prefix}tts_session`;
    this.signInName = `${prefix}tts_signin`;
  }

  readSession(request: FastifyRequest): WebSession | undefined {
    return this.open<WebSession>(this.sessionName, request.cookies[this.sessionName]);
  }

  writeSession(reply: FastifyReply, session: Omit<WebSession, 'exp'>): WebSession {
    const sealed = { ...session, exp: this.now().getTime() + SESSION_LIFETIME_MS };
    reply.setCookie(this.sessionName, this.seal(this.sessionName, sealed), this.options(SESSION_LIFETIME_MS));
    return sealed;
  }

  clearSession(reply: FastifyReply): void {
    reply.clearCookie(this.sessionName, this.options(0));
  }

  readSignIn(request: FastifyRequest): SignInAttempt | undefined {
    return this.open<SignInAttempt>(this.signInName, request.cookies[this.signInName]);
  }

  writeSignIn(reply: FastifyReply, attempt: Omit<SignInAttempt, 'exp'>): void {
    const sealed = { ...attempt, exp: this.now().getTime() + SIGN_IN_LIFETIME_MS };
    reply.setCookie(this.signInName, this.seal(this.signInName, sealed), this.options(SIGN_IN_LIFETIME_MS));
  }

  clearSignIn(reply: FastifyReply): void {
    reply.clearCookie(this.signInName, this.options(0));
  }

  /** Seals a value as this cookie would hold it (tests build tampered sign-ins with it). */
  seal(name: string, value: object): string {
    return this.cipher.seal(JSON.stringify(value), name);
  }

  private open<T extends { readonly exp: number }>(name: string, value: string | undefined): T | undefined {
    if (!value) return undefined;
    let parsed: T;
    try {
      parsed = JSON.parse(this.cipher.open(value, name)) as T;
    } catch (error) {
      // A cookie from another key, damaged or forged: the browser is simply not signed in.
      if (error instanceof CiphertextError || error instanceof SyntaxError) return undefined;
      throw error;
    }
    return typeof parsed.exp === 'number' && parsed.exp > this.now().getTime() ? parsed : undefined;
  }

  private options(maxAgeMs: number) {
    return {
      path: '/',
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.secure,
      maxAge: Math.floor(maxAgeMs / 1000),
    };
  }
}

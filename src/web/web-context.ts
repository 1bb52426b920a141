// What every route of the web service works with: the engine (store, source, Graph), the configuration, the
// injected `enqueue` (the jobs layer's queue, or a direct run in tests), and the sign-in machinery.
import type { SignInClient } from '../auth/delegated-sign-in.ts';
import type { TokenCipher } from '../auth/delegated-token-cipher.ts';
import type { Config } from '../config/index.ts';
import type { Engine } from '../sync/engine.ts';
import type { PersonJobKind } from '../sync/person-job.ts';
import type { SessionCookies } from './web-session.ts';

/** Why the web asks for a job, for the job log and the admin pages: a push stored a timetable, or someone asked. */
export type EnqueueReason = 'push' | 'manual';

/**
 * Queues work for one person (`serve` passes the pg-boss queue); the reason defaults to `manual`. 'reset' is a
 * reconcile that restores every event the person deleted or edited (runPersonJob in src/sync/person-job.ts runs any
 * of the kinds).
 */
export type EnqueuePersonJob = (personId: string, kind: PersonJobKind, reason?: EnqueueReason) => Promise<void>;

export interface WebContext {
  readonly engine: Engine;
  readonly config: Config;
  readonly enqueue: EnqueuePersonJob;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly cookies: SessionCookies;
  readonly signIn: SignInClient;
  /** Where Entra sends the browser back: `microsoft.redirectUri`, else `{web.publicUrl}/auth/callback`. */
  readonly redirectUri: string;
  /** What sign-in asks for (see signInScopes). */
  readonly signInScopes: readonly string[];
  /** Encrypts iCal feed secrets at rest (the token key). */
  readonly secrets: TokenCipher;
}

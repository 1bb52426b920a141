// Sign-in with Microsoft for everyone: /auth/sign-in starts the authorization code flow with PKCE (state, nonce and
// verifier sealed in a short-lived cookie), /auth/callback checks the state against that cookie (one use), lets msal
// redeem the code and check the nonce, then signs the browser in. Both are rate limited. Any mismatch, replay or
// refusal ends on a page saying what happened and offering to start again; nothing is half signed in.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AuthError } from '../auth/auth-error.ts';
import type { SignedIn } from '../auth/delegated-sign-in.ts';
import { isGroupMember } from './admin-group.ts';
import { connectSignedIn } from './connect-person.ts';
import { html } from './html.ts';
import type { WebContext } from './web-context.ts';
import { WebError } from './web-error.ts';
import { newSessionId } from './web-session.ts';

export interface SignInRateLimit {
  readonly max: number;
  readonly timeWindowMs: number;
}

const startAgain = html`<p><a class="button" href="/auth/sign-in">Sign in again</a></p>`;

export function registerSignInRoutes(app: FastifyInstance, context: WebContext, limit: SignInRateLimit): void {
  const rateLimit = { max: limit.max, timeWindow: limit.timeWindowMs };

  app.get('/auth/sign-in', { config: { rateLimit } }, async (request, reply) => {
    const session = context.cookies.readSession(request);
    const start = await context.signIn.start({
      redirectUri: context.redirectUri,
      scopes: context.signInScopes,
      ...(session ? { loginHint: session.upn } : {}),
    });
    context.cookies.writeSignIn(reply, { state: start.state, nonce: start.nonce, verifier: start.verifier });
    return reply.header('cache-control', 'no-store').redirect(start.url, 302);
  });

  app.get('/auth/callback', { config: { rateLimit } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const attempt = context.cookies.readSignIn(request);
    // One use: whatever happens next, this browser's sign-in attempt is over.
    context.cookies.clearSignIn(reply);
    reply.header('cache-control', 'no-store');
    if (!attempt) {
      throw new WebError(
        'SIGN_IN_FAILED',
        'Sign-in expired',
        'This sign-in was already used, took longer than ten minutes, or was started in another browser.',
        startAgain,
      );
    }
    if (typeof query.state !== 'string' || !sameText(query.state, attempt.state)) {
      throw new WebError(
        'SIGN_IN_FAILED',
        'Sign-in refused',
        'The answer from Microsoft does not belong to the sign-in this browser started (its state does not match).',
        startAgain,
      );
    }
    if (typeof query.error === 'string') {
      const description = typeof query.error_description === 'string' ? query.error_description.split(/\r?\n/)[0] : '';
      throw new WebError(
        'SIGN_IN_FAILED',
        query.error === 'access_denied' ? 'Sign-in cancelled' : 'Sign-in failed',
        query.error === 'access_denied'
          ? 'You did not give permission, so nothing was connected.'
          : `Microsoft answered: ${description || query.error}`,
        startAgain,
      );
    }
    if (typeof query.code !== 'string' || query.code === '') {
      throw new WebError('SIGN_IN_FAILED', 'Sign-in failed', 'The answer from Microsoft holds no code.', startAgain);
    }
    let signedIn: SignedIn;
    try {
      signedIn = await context.signIn.finish({
        code: query.code,
        state: attempt.state,
        redirectUri: context.redirectUri,
        scopes: context.signInScopes,
        verifier: attempt.verifier,
        nonce: attempt.nonce,
      });
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      throw new WebError(
        'SIGN_IN_FAILED',
        'Sign-in refused',
        `Microsoft did not accept this sign-in: ${error.message}`,
        startAgain,
      );
    }
    const tenant = context.config.microsoft.tenantId.toLowerCase();
    if (/^[0-9a-f-]{36}$/.test(tenant) && signedIn.tenantId.toLowerCase() !== tenant) {
      throw new WebError('FORBIDDEN', 'Not allowed', 'This account belongs to another organisation.', startAgain);
    }
    const person = await connectSignedIn(context, signedIn);
    const groupAdmin = await adminByGroup(context, signedIn.objectId);
    context.cookies.writeSession(reply, {
      sid: newSessionId(),
      upn: signedIn.upn,
      name: signedIn.name,
      objectId: signedIn.objectId,
      personId: person?.id ?? null,
      groupAdmin,
    });
    const isAdmin = groupAdmin || context.config.web.admins.includes(signedIn.upn.toLowerCase());
    const delegated = context.config.microsoft.auth === 'delegated';
    const target = person ? `/me?done=${delegated ? 'connected' : 'signed-in'}` : isAdmin ? '/admin' : '/me';
    return reply.redirect(target, 303);
  });

  app.post('/auth/sign-out', async (_request, reply) => {
    context.cookies.clearSession(reply);
    return reply.redirect('/?done=signed-out', 303);
  });
}

async function adminByGroup(context: WebContext, objectId: string): Promise<boolean> {
  const group = context.config.web.adminGroup;
  if (!group) return false;
  try {
    return await isGroupMember(context.engine.graph, group, objectId);
  } catch (error) {
    context.log(`web: could not check membership of admin group ${group}: ${(error as Error).message}`);
    return false;
  }
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

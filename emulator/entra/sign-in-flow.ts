// The steps of an authorization request once it is valid: who is signing in (session, login_hint, prompt), whether
// consent is needed, and finally the code. Each step either shows a page or moves on to the next.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { Application, Tenant, User } from '../directory.ts';
import { aadsts } from './aadsts-error.ts';
import type { AuthorizationState, PendingAuthorization, Session, SignedInAccount } from './authorization-state.ts';
import { accountPickerPage, consentPage, type PageUser, signInPage } from './authorize-pages.ts';
import { returnError, returnToClient, sendPage } from './client-return.ts';
import { consentScopes, missingConsent } from './scopes.ts';

export interface SignInFlow {
  readonly context: EmulatorContext;
  readonly state: AuthorizationState;
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly tenant: Tenant;
  readonly app: Application;
  readonly pending: PendingAuthorization;
  readonly session: Session | undefined;
}

/** From a fresh (or resumed) request: find the user without asking if the session allows, else ask. */
export function proceed(flow: SignInFlow): FastifyReply {
  const { pending } = flow;
  if (pending.user) return consentOrCode(flow);
  const accounts = signedInAccounts(flow);
  if (pending.prompt === 'login') return showSignIn(flow, pending.loginHint);
  if (pending.prompt === 'select_account') {
    return accounts.length > 0 ? showPicker(flow, accounts) : showSignIn(flow, pending.loginHint);
  }
  const hint = pending.loginHint?.toLowerCase();
  const candidates = hint
    ? accounts.filter(({ user }) => user.userPrincipalName.toLowerCase() === hint || user.id === hint)
    : accounts;
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only) {
    pending.user = { id: only.user.id, authTime: only.account.authTime };
    return consentOrCode(flow);
  }
  if (pending.prompt === 'none') {
    const failure = candidates.length > 1 ? aadsts.interactionRequired() : aadsts.loginRequired();
    flow.state.finishAuthorization(pending);
    return returnError(flow.reply, flow.request, pending, failure);
  }
  if (candidates.length > 1) return showPicker(flow, candidates);
  return showSignIn(flow, pending.loginHint);
}

/** The user is known: ask for consent when scopes are missing (or `prompt=consent`), otherwise issue the code. */
export function consentOrCode(flow: SignInFlow): FastifyReply {
  const { pending, context, app } = flow;
  const user = pending.user;
  if (!user) return proceed(flow);
  const missing = missingConsent(context.identity, user.id, app.clientId, pending.scopes);
  if (missing.length === 0 && pending.prompt !== 'consent') return issueCode(flow);
  if (pending.prompt === 'none') {
    flow.state.finishAuthorization(pending);
    return returnError(
      flow.reply,
      flow.request,
      pending,
      aadsts.consentRequiredSilently(app.clientId, app.displayName),
    );
  }
  const pageUser = context.directory.user(flow.tenant, user.id);
  if (!pageUser) return showSignIn(flow, undefined);
  return sendPage(
    flow.reply,
    consentPage({
      tenantId: flow.tenant.id,
      requestId: pending.id,
      appName: appName(app),
      user: pageUser,
      scopes: consentScopes(pending.scopes),
    }),
  );
}

export function issueCode(flow: SignInFlow): FastifyReply {
  const { pending, state } = flow;
  const user = pending.user;
  if (!user) return proceed(flow);
  const code = state.issueCode({
    tenantId: pending.tenantId,
    clientId: pending.clientId,
    userId: user.id,
    redirectUri: pending.redirectUri,
    scopes: pending.scopes,
    codeChallenge: pending.codeChallenge,
    nonce: pending.nonce,
    authTime: user.authTime,
  });
  state.finishAuthorization(pending);
  return returnToClient(flow.reply, pending, { code });
}

export function showSignIn(flow: SignInFlow, login: string | undefined, error?: string) {
  return sendPage(
    flow.reply,
    signInPage({
      tenantId: flow.tenant.id,
      requestId: flow.pending.id,
      appName: appName(flow.app),
      users: flow.tenant.users.map(pageUserOf),
      login,
      error,
    }),
  );
}

function showPicker(flow: SignInFlow, accounts: readonly { user: User }[]) {
  return sendPage(
    flow.reply,
    accountPickerPage({
      tenantId: flow.tenant.id,
      requestId: flow.pending.id,
      appName: appName(flow.app),
      accounts: accounts.map(({ user }) => pageUserOf(user)),
    }),
  );
}

/** The session's accounts in this tenant whose users still exist. */
export function signedInAccounts(flow: SignInFlow): { account: SignedInAccount; user: User }[] {
  const found: { account: SignedInAccount; user: User }[] = [];
  for (const account of flow.session?.accounts ?? []) {
    if (account.tenantId !== flow.tenant.id) continue;
    const user = flow.context.directory.user(flow.tenant, account.userId);
    if (user) found.push({ account, user });
  }
  return found;
}

function pageUserOf(user: User): PageUser {
  return { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName };
}

function appName(app: Application): string {
  return app.displayName || app.clientId;
}

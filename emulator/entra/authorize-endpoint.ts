// `GET /{tenant}/oauth2/v2.0/authorize` and the forms its pages post (sign-in, account picker, consent), plus
// sign-out. Only the authorization code flow with PKCE S256 is offered; see authorize-pages.ts for the forms.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { Application, Tenant } from '../directory.ts';
import { AadstsError, aadsts } from './aadsts-error.ts';
import type { AuthorizationState, ClientReturn, Prompt, ResponseMode } from './authorization-state.ts';
import { signedOutPage } from './authorize-pages.ts';
import { returnError, sendErrorPage, sendPage } from './client-return.ts';
import { consentScopes, parseDelegatedScopes, resourceCatalogue } from './scopes.ts';
import { clearSessionCookie, sessionIdOf, setSessionCookie } from './session-cookie.ts';
import { consentOrCode, issueCode, proceed, type SignInFlow, showSignIn, signedInAccounts } from './sign-in-flow.ts';
import { type Form, firstValues } from './token-request.ts';

interface TenantRoute {
  Params: { tenant: string };
}

const prompts: readonly string[] = ['login', 'none', 'consent', 'select_account'];
const responseModes: readonly string[] = ['query', 'fragment', 'form_post'];

export function registerAuthorizeRoutes(app: FastifyInstance, context: EmulatorContext, state: AuthorizationState) {
  app.get<TenantRoute>('/:tenant/oauth2/v2.0/authorize', (request, reply) =>
    authorize(context, state, request, reply, firstValues(request.query)),
  );

  app.post<TenantRoute>('/:tenant/login', (request, reply) =>
    resume(context, state, request, reply, (flow, form) => {
      const user = form.login ? context.directory.user(flow.tenant, form.login) : undefined;
      if (!user) return showSignIn(flow, form.login, "We couldn't find an account with that username.");
      if (!samePassword(form.passwd ?? '', user.password)) {
        return showSignIn(
          flow,
          form.login,
          "Your account or password is incorrect. If you don't remember your password, reset it now.",
        );
      }
      const authTime = Math.floor(Date.now() / 1000);
      const session = state.signIn(flow.session, { tenantId: flow.tenant.id, userId: user.id, authTime });
      setSessionCookie(reply, session.id);
      flow.pending.user = { id: user.id, authTime };
      return consentOrCode({ ...flow, session });
    }),
  );

  app.post<TenantRoute>('/:tenant/select_account', (request, reply) =>
    resume(context, state, request, reply, (flow, form) => {
      const chosen = signedInAccounts(flow).find(({ user }) => user.id === form.account);
      if (!chosen) return showSignIn(flow, undefined);
      flow.pending.user = { id: chosen.user.id, authTime: chosen.account.authTime };
      return consentOrCode(flow);
    }),
  );

  app.post<TenantRoute>('/:tenant/consent', (request, reply) =>
    resume(context, state, request, reply, (flow, form) => {
      const user = flow.pending.user;
      if (!user) return proceed(flow);
      if (form.decision !== 'accept') {
        state.finishAuthorization(flow.pending);
        return returnError(reply, request, flow.pending, aadsts.userDeclined());
      }
      context.identity.grantConsent(user.id, flow.app.clientId, consentScopes(flow.pending.scopes));
      context.changed();
      return issueCode(flow);
    }),
  );

  app.get<TenantRoute>('/:tenant/oauth2/v2.0/logout', (request, reply) => {
    const tenant = context.directory.tenant(request.params.tenant);
    if (!tenant) return sendErrorPage(reply, request, aadsts.tenantNotFound(request.params.tenant));
    const session = state.session(sessionIdOf(request));
    if (session) {
      state.signOut(session, tenant.id);
      if (session.accounts.length === 0) clearSessionCookie(reply);
    }
    const target = firstValues(request.query).post_logout_redirect_uri;
    if (target && tenant.applications.some((a) => a.redirectUris.includes(target))) return reply.redirect(target, 302);
    return sendPage(reply, signedOutPage());
  });
}

function authorize(
  context: EmulatorContext,
  state: AuthorizationState,
  request: FastifyRequest<TenantRoute>,
  reply: FastifyReply,
  query: Form,
) {
  const tenant = context.directory.tenant(request.params.tenant);
  if (!tenant) return sendErrorPage(reply, request, aadsts.tenantNotFound(request.params.tenant));
  if (!query.client_id) return sendErrorPage(reply, request, aadsts.missingParameter('client_id'));
  const app = context.directory.application(tenant, query.client_id);
  if (!app) return sendErrorPage(reply, request, aadsts.applicationNotFound(query.client_id, tenant.domain));
  if (!query.redirect_uri) return sendErrorPage(reply, request, aadsts.missingParameter('redirect_uri'));
  if (!app.redirectUris.includes(query.redirect_uri)) {
    return sendErrorPage(reply, request, aadsts.redirectUriNotRegistered(query.redirect_uri, app.clientId));
  }
  const back: ClientReturn = {
    redirectUri: query.redirect_uri,
    responseMode: responseModes.includes(query.response_mode ?? '') ? (query.response_mode as ResponseMode) : 'query',
    state: query.state,
  };
  try {
    const scopes = checkAuthorizationRequest(context, tenant, app, query);
    const pending = state.startAuthorization({
      ...back,
      tenantId: tenant.id,
      clientId: app.clientId,
      scopes,
      codeChallenge: query.code_challenge ?? '',
      nonce: query.nonce,
      prompt: query.prompt as Prompt | undefined,
      loginHint: query.login_hint,
    });
    const session = state.session(sessionIdOf(request));
    return proceed({ context, state, request, reply, tenant, app, pending, session });
  } catch (error) {
    if (error instanceof AadstsError) return returnError(reply, request, back, error);
    throw error;
  }
}

/** Once the redirect URI is trusted, problems go back to the application as `error` parameters. */
function checkAuthorizationRequest(context: EmulatorContext, tenant: Tenant, app: Application, query: Form) {
  if (!query.response_type) throw aadsts.missingParameter('response_type');
  if (query.response_type !== 'code') throw aadsts.unsupportedResponseType(query.response_type);
  if (!query.scope) throw aadsts.missingParameter('scope');
  const scopes = parseDelegatedScopes(resourceCatalogue(context), tenant, app, query.scope);
  if (!query.code_challenge) throw aadsts.missingParameter('code_challenge');
  const method = query.code_challenge_method ?? 'plain';
  if (method !== 'S256') throw aadsts.unsupportedCodeChallengeMethod(method);
  if (!/^[A-Za-z0-9_-]{43}$/.test(query.code_challenge)) throw aadsts.invalidCodeChallenge();
  if (query.prompt !== undefined && !prompts.includes(query.prompt)) throw aadsts.unsupportedPrompt(query.prompt);
  return scopes;
}

/** A form posted from one of the pages: find the sign-in in progress it belongs to, then take the next step. */
function resume(
  context: EmulatorContext,
  state: AuthorizationState,
  request: FastifyRequest<TenantRoute>,
  reply: FastifyReply,
  step: (flow: SignInFlow, form: Form) => unknown,
) {
  const tenant = context.directory.tenant(request.params.tenant);
  if (!tenant) return sendErrorPage(reply, request, aadsts.tenantNotFound(request.params.tenant));
  const form = firstValues(request.body);
  const pending = state.pendingAuthorization(form.request, tenant.id);
  const app = pending ? context.directory.application(tenant, pending.clientId) : undefined;
  if (!pending || !app) return sendErrorPage(reply, request, aadsts.requestExpired());
  const session = state.session(sessionIdOf(request));
  return step({ context, state, request, reply, tenant, app, pending, session }, form);
}

function samePassword(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

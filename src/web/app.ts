// The web service: server-rendered pages for people and admins, sign-in with Microsoft for everyone, and (later,
// in ./api) the push API, iCal feeds, health and metrics. `serve` builds it with buildWebApp and listens on
// `web.port`. Security: sealed session cookies, CSRF on every form, strict headers (CSP without scripts), rate
// limits on sign-in, and every person route scoped to the session's own person.
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { loadKey } from '../auth/delegated-key-file.ts';
import { SignInClient, signInScopes } from '../auth/delegated-sign-in.ts';
import { TokenCipher } from '../auth/delegated-token-cipher.ts';
import type { Config } from '../config/index.ts';
import type { Engine } from '../sync/engine.ts';
import { appCredential } from '../sync/engine.ts';
import { mappingUsesCategories } from '../sync/person-mapping.ts';
import { visitorOf } from './access.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { registerApiRoutes } from './api/index.ts';
import { type DemoHint, demoAccountsCard } from './demo-accounts.ts';
import { homeBody } from './home-page.ts';
import { html, type SafeHtml } from './html.ts';
import { renderPage } from './layout.ts';
import { noticeFrom } from './notices.ts';
import { registerPersonRoutes } from './person-routes.ts';
import { registerSignInRoutes, type SignInRateLimit } from './sign-in-routes.ts';
import { SITE_CSS } from './site-css.ts';
import type { EnqueuePersonJob, WebContext } from './web-context.ts';
import { WebError } from './web-error.ts';
import { deriveKey, SessionCookies } from './web-session.ts';

export type { EnqueuePersonJob } from './web-context.ts';

export interface WebDeps {
  readonly engine: Engine;
  /** Defaults to the engine's. */
  readonly config?: Config;
  readonly enqueue: EnqueuePersonJob;
  readonly now?: () => Date;
  /** One line per notable event (a generated key, a failed group check); default console.log. Never secrets. */
  readonly log?: (line: string) => void;
  /** Fastify's request log (default off). */
  readonly logger?: FastifyServerOptions['logger'];
  /** Sign-in attempts per client address (default 20 a minute). */
  readonly signInRateLimit?: SignInRateLimit;
  /** Set by `timetable-sync demo` only: the start page then lists the demo accounts and their passwords. */
  readonly demo?: DemoHint;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** False for routes that are not browser forms (the API, with its own authentication). */
    csrf?: boolean;
  }
}

export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const config = deps.config ?? deps.engine.config;
  const log = deps.log ?? ((line: string) => console.log(line));
  const now = deps.now ?? (() => new Date());
  const sessionKey = await loadKey(config, 'sessionKey', log);
  const secure = new URL(config.web.publicUrl).protocol === 'https:';
  const caPem = config.microsoft.caFile ? readFileSync(config.microsoft.caFile, 'utf8') : undefined;
  const signIn = new SignInClient({
    tenantId: config.microsoft.tenantId,
    clientId: config.microsoft.clientId,
    authorityHost: config.microsoft.authorityHost,
    graphEndpoint: config.microsoft.graphEndpoint,
    credential: await appCredential(config),
    ...(caPem ? { caPem } : {}),
  });
  const context: WebContext = {
    engine: deps.engine,
    config,
    enqueue: deps.enqueue,
    now,
    log,
    cookies: new SessionCookies({ sessionKey, secure, now }),
    signIn,
    redirectUri: config.microsoft.redirectUri ?? `${config.web.publicUrl}/auth/callback`,
    signInScopes: signInScopes({
      mode: config.microsoft.auth,
      graphEndpoint: config.microsoft.graphEndpoint,
      categories: config.web.personSettings.categories || mappingUsesCategories(config.mapping),
    }),
    secrets: deps.engine.delegated?.tokens.cipher ?? new TokenCipher(await loadKey(config, 'tokenKey', log)),
  };

  const app = Fastify({
    logger: deps.logger ?? false,
    routerOptions: { maxParamLength: 500 },
    trustProxy: fastifyTrustProxy(config.web.trustProxy),
  });
  app.addHook('onClose', async () => signIn.close());
  await app.register(cookie, { secret: deriveKey(sessionKey, 'cookie signing v1').toString('base64') });
  await app.register(formbody);
  await app.register(helmet, helmetOptions(config, secure));
  await app.register(rateLimit, { global: false });
  await app.register(csrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: secure ? '__Host-tts_csrf' : 'tts_csrf',
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure, signed: true },
    getUserInfo: (request) => context.cookies.readSession(request)?.sid ?? '',
    csrfOpts: { hmacKey: deriveKey(sessionKey, 'csrf v1') },
  });
  // Every form post is checked; routes that are not forms (the API) opt out with `config: { csrf: false }`.
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.routeOptions.config.csrf === false) {
      done();
      return;
    }
    app.csrfProtection(request, reply, done);
  });
  app.setErrorHandler((error, request, reply) => errorPage(context, error, request.method, reply));
  app.setNotFoundHandler((_request, reply) =>
    sendError(reply, 404, 'Page not found', 'There is no page at this address.'),
  );

  app.get('/assets/site.css', (_request, reply) =>
    reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(SITE_CSS),
  );
  app.get('/', async (request, reply) => {
    const visitor = await visitorOf(context, request, reply);
    if (visitor?.person) return reply.redirect('/me', 303);
    if (visitor?.isAdmin) return reply.redirect('/admin', 303);
    return reply.type('text/html; charset=utf-8').send(
      renderPage({
        title: 'Your timetable in Outlook',
        viewer: visitor?.viewer ?? null,
        notice: noticeFrom(request.query),
        body: deps.demo
          ? html`${homeBody(config.microsoft.auth)}${demoAccountsCard(deps.demo)}`
          : homeBody(config.microsoft.auth),
      }),
    );
  });
  registerSignInRoutes(app, context, deps.signInRateLimit ?? { max: 20, timeWindowMs: 60_000 });
  registerPersonRoutes(app, context);
  registerAdminRoutes(app, context);
  registerApiRoutes(app, context);
  return app;
}

function helmetOptions(config: Config, secure: boolean) {
  const authority = new URL(config.microsoft.authorityHost).origin;
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'none'"],
        // Chromium applies form-action to the redirects after a form post too (sign-in goes to Entra).
        formAction: ["'self'", authority],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' as const },
    frameguard: { action: 'deny' as const },
    crossOriginEmbedderPolicy: false,
  };
}

function errorPage(context: WebContext, thrown: unknown, method: string, reply: FastifyReply) {
  const error = (thrown instanceof Error ? thrown : new Error(String(thrown))) as Error & {
    statusCode?: number;
    code?: string;
  };
  if (error instanceof WebError) return sendError(reply, error.status, error.title, error.message, error.action);
  if (error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET') {
    return sendError(
      reply,
      403,
      'Form expired',
      'This form was not sent from a page of this site, or the page is too old. Go back, reload the page, and try again.',
    );
  }
  if (error.statusCode === 429) {
    return sendError(
      reply,
      429,
      'Too many attempts',
      'Too many sign-in attempts from your address. Wait a minute, then try again.',
    );
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(reply, error.statusCode, 'Bad request', 'This request could not be understood.');
  }
  context.log(`web: ${method} failed: ${error.stack ?? error.message}`);
  return sendError(
    reply,
    500,
    'Something went wrong',
    'The page could not be shown. Try again in a moment; if it keeps happening, tell your IT service desk.',
  );
}

function sendError(reply: FastifyReply, status: number, title: string, message: string, action?: SafeHtml) {
  return reply
    .code(status)
    .headers({ 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' })
    .send(
      renderPage({
        title,
        viewer: null,
        body: html`<section class="card"><p>${message}</p>${action ?? ''}<p><a href="/">Home</a></p></section>`,
      }),
    );
}

/** `web.trustProxy` as fastify takes it: a number of hops becomes proxy-addr's hop test (fastify types no number). */
function fastifyTrustProxy(
  trust: boolean | number | readonly string[],
): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return typeof trust === 'boolean' ? trust : [...trust];
}

// Who is asking, and what they may see: every person route works on the session's own person (never an id from
// the URL or a form), and admin routes need an admin (a configured UPN, or a member of the admin group).
import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { getPerson, type PersonRecord } from '../store/index.ts';
import { html } from './html.ts';
import type { Viewer } from './layout.ts';
import type { WebContext } from './web-context.ts';
import { WebError } from './web-error.ts';
import type { WebSession } from './web-session.ts';

export interface Visitor {
  readonly session: WebSession;
  /** The session's person as the store has them now; undefined when they have no timetable here. */
  readonly person: PersonRecord | undefined;
  readonly isAdmin: boolean;
  /** A CSRF token for this page's forms, bound to the session. */
  readonly csrf: string;
  readonly viewer: Viewer;
}

export async function visitorOf(
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Visitor | undefined> {
  const session = context.cookies.readSession(request);
  if (!session) return undefined;
  const stored = session.personId ? await getPerson(context.engine.store.db, session.personId) : undefined;
  // The mailbox may have changed since sign-in (a source update): the session then no longer speaks for that row.
  const person = stored && stored.mailbox.toLowerCase() === session.upn.toLowerCase() ? stored : undefined;
  const isAdmin = context.config.web.admins.includes(session.upn.toLowerCase()) || session.groupAdmin;
  const csrf = reply.generateCsrf({ userInfo: session.sid });
  return {
    session,
    person,
    isAdmin,
    csrf,
    viewer: { name: session.name, upn: session.upn, isPerson: person !== undefined, isAdmin, csrf },
  };
}

export async function requireSignedIn(
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Visitor> {
  const visitor = await visitorOf(context, request, reply);
  if (!visitor) {
    throw new WebError(
      'NOT_SIGNED_IN',
      'Please sign in',
      'This page needs you to sign in with your institution account first.',
      html`<p><a class="button" href="/auth/sign-in">Sign in with Microsoft</a></p>`,
    );
  }
  return visitor;
}

export async function requireAdmin(
  context: WebContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Visitor> {
  const visitor = await requireSignedIn(context, request, reply);
  if (!visitor.isAdmin) {
    throw new WebError('FORBIDDEN', 'Not allowed', 'This page is for timetable-sync administrators only.');
  }
  return visitor;
}

// Sending the browser back to the application: the redirect with `code` and `state` (or `error`), in the response
// mode it asked for; and the pages the authorize endpoint shows instead when it cannot trust the redirect URI.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AadstsError, correlationIdOf, entraTimestamp, errorBody } from './aadsts-error.ts';
import type { ClientReturn } from './authorization-state.ts';
import { errorPage, formPostPage } from './authorize-pages.ts';

export function sendPage(reply: FastifyReply, html: string, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store, no-cache')
    .header('x-frame-options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(html);
}

/** Errors before the redirect URI is known to be registered are shown, never sent anywhere. */
export function sendErrorPage(reply: FastifyReply, request: FastifyRequest, failure: AadstsError) {
  return sendPage(reply, errorPage(failure.message, correlationIdOf(request), entraTimestamp()), 400);
}

export function returnToClient(reply: FastifyReply, to: ClientReturn, parameters: Record<string, string>) {
  const answer = to.state === undefined ? parameters : { ...parameters, state: to.state };
  if (to.responseMode === 'form_post') return sendPage(reply, formPostPage(to.redirectUri, answer));
  const url = new URL(to.redirectUri);
  if (to.responseMode === 'fragment') url.hash = new URLSearchParams(answer).toString();
  else for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
  return reply.header('cache-control', 'no-store, no-cache').redirect(url.toString(), 302);
}

export function returnError(reply: FastifyReply, request: FastifyRequest, to: ClientReturn, failure: AadstsError) {
  const body = errorBody(failure, correlationIdOf(request));
  return returnToClient(reply, to, {
    error: body.error,
    error_description: body.error_description,
    error_uri: body.error_uri,
  });
}

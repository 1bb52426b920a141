// Graph v1.0 over HTTP: authentication, fault injection, $batch, and the answer with Graph's headers. What a
// request does is dispatch.ts's business; throttling, latency and counting happen in executeGraphRequest.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import type { Principal } from '../entra/access-token.ts';
import { runBatch } from './batch.ts';
import { authenticate } from './bearer-token.ts';
import { dropConnection, HeldConnections } from './connection-faults.ts';
import { answerFault, executeGraphRequest } from './execute-graph-request.ts';
import { drawFault, isStatusFault } from './faults.ts';
import { type GraphRequest, type GraphResponse, graphError } from './graph-request.ts';
import { parseGraphUrl } from './graph-url.ts';
import { type RequestIds, sendGraphResponse } from './send-graph-response.ts';
import { targetMailbox } from './target-mailbox.ts';

const unreadableJson =
  'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.';

export function registerGraphRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const held = new HeldConnections();
  app.register(async (graph) => {
    // The body arrives as text, so malformed JSON is answered in Graph's shape rather than fastify's.
    graph.removeAllContentTypeParsers();
    graph.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    graph.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
      const status = error.statusCode ?? 500;
      const code = status === 413 ? 'RequestEntityTooLarge' : status < 500 ? 'BadRequest' : 'InternalServerError';
      return sendGraphResponse(reply, graphError(status, code, error.message), requestIds(request));
    });
    graph.addHook('preClose', async () => held.dropAll());
    graph.all('/v1.0/*', (request, reply) => handle(context, held, request, reply));
  });
}

async function handle(
  context: EmulatorContext,
  held: HeldConnections,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const ids = requestIds(request);
  const authentication = await authenticate(context, request.headers.authorization);
  if (authentication.response) return sendGraphResponse(reply, authentication.response, ids);
  const principal = authentication.principal;

  const url = parseGraphUrl(request.url.slice('/v1.0'.length));
  if (!url)
    return sendGraphResponse(reply, graphError(400, 'BadRequest', `Invalid request URL '${request.url}'.`), ids);
  const body = readBody(request.body);
  if (body === unreadable) return sendGraphResponse(reply, graphError(400, 'BadRequest', unreadableJson), ids);

  if (url.path === '/$batch' && request.method === 'POST') {
    return handleBatch(context, held, principal, body, request, reply, ids);
  }
  const graphRequest: GraphRequest = {
    method: request.method,
    path: url.path,
    query: url.query,
    headers: lowerCaseHeaders(request),
    body,
    principal,
  };
  const mailbox = targetMailbox(context, principal, url.path);
  const fault = drawFault(context, 'request');
  if (fault && isStatusFault(fault)) {
    return sendGraphResponse(reply, answerFault(context, graphRequest, mailbox, fault), ids);
  }
  if (fault === 'reset' || fault === 'timeout') {
    context.stats.record(principal.clientId, mailbox, 0, 'fault');
    if (fault === 'reset') return dropConnection(request, reply);
    return held.hold(request, reply, context.faults.timeoutMs);
  }
  const response = await executeGraphRequest(context, graphRequest, mailbox, fault === 'reset-after-write');
  if (fault === 'reset-after-write') return dropConnection(request, reply);
  return sendGraphResponse(reply, response, ids);
}

/** The outer $batch request counts against no mailbox; only connection faults can hit it (items get the rest). */
async function handleBatch(
  context: EmulatorContext,
  held: HeldConnections,
  principal: Principal,
  body: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  ids: RequestIds,
): Promise<void> {
  const fault = drawFault(context, 'batch');
  if (fault) context.stats.record(principal.clientId, '$batch', 0, 'fault');
  if (fault === 'reset') return dropConnection(request, reply);
  if (fault === 'timeout') return held.hold(request, reply, context.faults.timeoutMs);
  const response: GraphResponse = await runBatch(context, principal, body);
  if (fault === 'reset-after-write') return dropConnection(request, reply);
  return sendGraphResponse(reply, response, ids);
}

function requestIds(request: FastifyRequest): RequestIds {
  const requestId = randomUUID();
  const sent = request.headers['client-request-id'];
  return { requestId, clientRequestId: typeof sent === 'string' && sent !== '' ? sent : requestId };
}

const unreadable = Symbol('unreadable');

function readBody(raw: unknown): unknown {
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    // Answered with 400 by the caller: the client sent something that is not JSON.
    return unreadable;
  }
}

function lowerCaseHeaders(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

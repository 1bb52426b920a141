// Writes a GraphResponse to the wire with Graph's headers: `request-id`, the caller's `client-request-id` echoed,
// and JSON bodies whose error `innerError` carries those same ids.
import type { FastifyReply } from 'fastify';
import type { GraphResponse } from './graph-request.ts';

export interface RequestIds {
  readonly requestId: string;
  readonly clientRequestId: string;
}

const odataJson = 'application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8';

export function sendGraphResponse(reply: FastifyReply, response: GraphResponse, ids: RequestIds): FastifyReply {
  const headers: Record<string, string> = {
    ...response.headers,
    'request-id': ids.requestId,
    'client-request-id': ids.clientRequestId,
  };
  reply.code(response.status);
  if (response.body === undefined) return reply.headers(headers).send();
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = response.status < 400 ? odataJson : 'application/json';
  }
  return reply.headers(headers).send(JSON.stringify(withRequestIds(response.body, ids)));
}

/** Graph's error bodies name the request they belong to; graphError() cannot know the ids, so they are set here. */
function withRequestIds(body: unknown, ids: RequestIds): unknown {
  const error = (body as { error?: { innerError?: Record<string, unknown> } } | null)?.error;
  if (!error?.innerError || typeof error.innerError !== 'object') return body;
  return {
    ...(body as object),
    error: {
      ...error,
      innerError: { ...error.innerError, 'request-id': ids.requestId, 'client-request-id': ids.clientRequestId },
    },
  };
}

// Runs one Graph request (an HTTP request or one $batch item) as Outlook would: throttled per application and
// mailbox, delayed by the simulated latency, dispatched to the resource, and counted.
import type { EmulatorContext } from '../context.ts';
import { dispatchGraphRequest } from './dispatch.ts';
import { faultResponse, type StatusFault } from './faults.ts';
import { type GraphRequest, type GraphResponse, graphError } from './graph-request.ts';
import { simulateLatency } from './latency.ts';
import { throttleOf } from './throttling.ts';

/**
 * Throttles, delays, dispatches and counts. `mailbox` is the target mailbox (see targetMailbox). With `asFault`
 * the request still runs but counts as an injected fault: its answer is about to be lost (`reset-after-write`).
 */
export async function executeGraphRequest(
  context: EmulatorContext,
  request: GraphRequest,
  mailbox: string | undefined,
  asFault = false,
): Promise<GraphResponse> {
  const clientId = request.principal.clientId;
  const verdict = throttleOf(context).admit(clientId, mailbox, context.limits);
  if (!verdict.admitted) {
    context.stats.record(clientId, mailbox, verdict.response.status, asFault ? 'fault' : 'throttled');
    return verdict.response;
  }
  let response: GraphResponse;
  try {
    await simulateLatency(context.limits);
    response = await dispatchGraphRequest(context, request);
  } catch (error) {
    response = emulatorFailure(error);
  } finally {
    verdict.release();
  }
  context.stats.record(clientId, mailbox, response.status, asFault ? 'fault' : undefined);
  return response;
}

/** Answers a status fault instead of running the request, and counts it. */
export function answerFault(
  context: EmulatorContext,
  request: GraphRequest,
  mailbox: string | undefined,
  kind: StatusFault,
): GraphResponse {
  const response = faultResponse(context, kind);
  context.stats.record(request.principal.clientId, mailbox, response.status, 'fault');
  return response;
}

/** A bug in the emulator: answered as Graph answers its own failures, with the cause in the message. */
export function emulatorFailure(error: unknown): GraphResponse {
  return graphError(500, 'InternalServerError', `Emulator failure: ${(error as Error).stack ?? String(error)}`);
}

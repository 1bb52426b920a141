// Routes one Graph request (HTTP or $batch item) to the resource that answers it. No throttling or faults here:
// those are applied around it, per request and per batch item, in routes.ts and batch.ts.
import type { EmulatorContext } from '../context.ts';
import { type GraphRequest, type GraphResponse, graphError } from './graph-request.ts';

export async function dispatchGraphRequest(_context: EmulatorContext, request: GraphRequest): Promise<GraphResponse> {
  return graphError(400, 'BadRequest', `Resource not found for the segment '${request.path}'.`);
}

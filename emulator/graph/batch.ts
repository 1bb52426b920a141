// POST /v1.0/$batch: JSON batching as Graph does it. Items run at most 4 at a time (Graph's fan-out to Outlook),
// dependants after their dependencies (424 when one failed), and each item is throttled, faulted, delayed and
// counted on its own, so a 200 batch can carry 429 items with their own Retry-After.
import type { EmulatorContext } from '../context.ts';
import type { Principal } from '../entra/access-token.ts';
import { type BatchItem, parseBatchPayload } from './batch-payload.ts';
import { answerFault, emulatorFailure, executeGraphRequest } from './execute-graph-request.ts';
import { drawFault, isStatusFault } from './faults.ts';
import { type GraphRequest, type GraphResponse, graphError } from './graph-request.ts';
import { parseGraphUrl } from './graph-url.ts';
import { targetMailbox } from './target-mailbox.ts';

/** How many items of one batch Graph sends to the workload at once. */
export const batchConcurrency = 4;

export interface BatchItemResponse {
  readonly id: string;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: unknown;
}

export async function runBatch(
  context: EmulatorContext,
  principal: Principal,
  payload: unknown,
): Promise<GraphResponse> {
  const parsed = parseBatchPayload(payload);
  if ('error' in parsed) return parsed.error;
  const responses = await runItems(parsed.items, (item) => runItem(context, principal, item));
  return { status: 200, body: { responses } };
}

/** Schedules the items; answers come back in completion order (Graph does not promise request order either). */
function runItems(
  items: readonly BatchItem[],
  run: (item: BatchItem) => Promise<GraphResponse>,
): Promise<BatchItemResponse[]> {
  return new Promise((resolve) => {
    const responses: BatchItemResponse[] = [];
    const statuses = new Map<string, number>();
    const waiting = [...items];
    let running = 0;
    const finish = (item: BatchItem, response: GraphResponse) => {
      statuses.set(item.id, response.status);
      responses.push(toItemResponse(item.id, response));
    };
    const pump = () => {
      let progressed = true;
      while (progressed) {
        progressed = false;
        for (const item of [...waiting]) {
          if (!item.dependsOn.every((id) => statuses.has(id))) continue;
          const failed = item.dependsOn.find((id) => !isSuccess(statuses.get(id) ?? 0));
          if (failed === undefined && running >= batchConcurrency) continue;
          waiting.splice(waiting.indexOf(item), 1);
          progressed = true;
          if (failed !== undefined) {
            finish(item, failedDependency(failed));
            continue;
          }
          running++;
          run(item)
            .catch(emulatorFailure)
            .then((response) => {
              running--;
              finish(item, response);
              pump();
            });
        }
      }
      if (waiting.length === 0 && running === 0) resolve(responses);
    };
    pump();
  });
}

async function runItem(context: EmulatorContext, principal: Principal, item: BatchItem): Promise<GraphResponse> {
  const url = parseGraphUrl(item.url);
  if (!url) return graphError(400, 'BadRequest', `Invalid request URL '${item.url}'.`);
  const request: GraphRequest = {
    method: item.method,
    path: url.path,
    query: url.query,
    headers: item.headers,
    body: item.body,
    principal,
  };
  const mailbox = targetMailbox(context, principal, request.path);
  const fault = drawFault(context, 'batch-item');
  if (fault && isStatusFault(fault)) return answerFault(context, request, mailbox, fault);
  return executeGraphRequest(context, request, mailbox);
}

function toItemResponse(id: string, response: GraphResponse): BatchItemResponse {
  const headers: Record<string, string> = { ...response.headers };
  if (response.body === undefined) return { id, status: response.status, headers };
  if (!Object.keys(headers).some((name) => name.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  return { id, status: response.status, headers, body: response.body };
}

function failedDependency(dependency: string): GraphResponse {
  return graphError(424, 'FailedDependency', `The request depends on request '${dependency}', which failed.`);
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

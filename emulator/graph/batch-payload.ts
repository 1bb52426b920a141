// Reads a JSON batch body (`{"requests":[{id, method, url, headers?, body?, dependsOn?}]}`) and checks it as Graph
// does before running anything: any problem fails the whole batch with 400 BadRequest.
import { type GraphResponse, graphError } from './graph-request.ts';

export const maxBatchRequests = 20;

export interface BatchItem {
  readonly id: string;
  readonly method: string;
  /** Relative to /v1.0, e.g. `/users/x/events` or `users/x/events`. */
  readonly url: string;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly dependsOn: readonly string[];
}

const methods = new Set(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']);
const writeMethods = new Set(['POST', 'PATCH', 'PUT']);

export function parseBatchPayload(payload: unknown): { items: BatchItem[] } | { error: GraphResponse } {
  const requests = isObject(payload) ? payload.requests : undefined;
  if (!Array.isArray(requests) || requests.length === 0) {
    return bad('Invalid batch payload format: expected {"requests": [ … ]} with at least one request.');
  }
  if (requests.length > maxBatchRequests) {
    return bad(`The batch holds ${requests.length} requests; a JSON batch is limited to ${maxBatchRequests} requests.`);
  }
  const items: BatchItem[] = [];
  const ids = new Set<string>();
  for (const [index, raw] of requests.entries()) {
    if (!isObject(raw)) return bad(`Request ${index} of the batch is not a JSON object.`);
    const id = typeof raw.id === 'number' ? String(raw.id) : raw.id;
    if (typeof id !== 'string' || id === '') return bad(`Request ${index} of the batch has no id.`);
    if (ids.has(id)) return bad(`Request id '${id}' appears more than once in the batch; ids must be unique.`);
    ids.add(id);
    if (typeof raw.method !== 'string' || !methods.has(raw.method.toUpperCase())) {
      return bad(`Request id : ${id} has no valid method (GET, POST, PATCH, PUT or DELETE).`);
    }
    if (typeof raw.url !== 'string' || raw.url === '') return bad(`Request id : ${id} has no url.`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(raw.url)) {
      return bad(`Request id : ${id} has an absolute url; batch urls are relative to the version (/users/…).`);
    }
    const headers = readHeaders(raw.headers);
    if (headers === undefined) return bad(`Request id : ${id} has headers that are not an object of strings.`);
    const method = raw.method.toUpperCase();
    if (writeMethods.has(method) && (raw.body === undefined || headers['content-type'] === undefined)) {
      return bad(`Write request id : ${id} does not contain Content-Type header or body.`);
    }
    const dependsOn = raw.dependsOn ?? [];
    if (!Array.isArray(dependsOn) || !dependsOn.every((d) => typeof d === 'string')) {
      return bad(`Request id : ${id} has a dependsOn that is not an array of request ids.`);
    }
    items.push({ id, method, url: raw.url, headers, body: raw.body, dependsOn });
  }
  for (const item of items) {
    for (const dependency of item.dependsOn) {
      if (!ids.has(dependency) || dependency === item.id) {
        return bad(`Request id : ${item.id} depends on '${dependency}', which is not another request of this batch.`);
      }
    }
  }
  const cycle = findCycle(items);
  if (cycle) return bad(`The dependsOn of request id : ${cycle} form a cycle.`);
  return { items };
}

function readHeaders(raw: unknown): Record<string, string> | undefined {
  if (raw === undefined || raw === null) return {};
  if (!isObject(raw)) return undefined;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value !== 'string') return undefined;
    headers[name.toLowerCase()] = value;
  }
  return headers;
}

/** The id of a request that (transitively) depends on itself, if any. */
function findCycle(items: readonly BatchItem[]): string | undefined {
  const byId = new Map(items.map((item) => [item.id, item]));
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): string | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return id;
    state.set(id, 'visiting');
    for (const dependency of byId.get(id)?.dependsOn ?? []) {
      const found = visit(dependency);
      if (found) return found;
    }
    state.set(id, 'done');
    return undefined;
  };
  for (const item of items) {
    const found = visit(item.id);
    if (found) return found;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bad(message: string): { error: GraphResponse } {
  return { error: graphError(400, 'BadRequest', message) };
}

// Small helpers for the Graph HTTP layer and inspection tests: Graph calls and inspection calls over real HTTPS.
import type { TestEmulator } from '../support/emulator.ts';

export interface GraphAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read freely in assertions.
  readonly body: any;
}

export interface BatchItemAnswer {
  readonly id: string;
  readonly status: number;
  readonly headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read freely in assertions.
  readonly body?: any;
}

export async function graph(
  emulator: TestEmulator,
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<GraphAnswer> {
  const response = await emulator.fetch(`${emulator.url}/v1.0${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers as Headers, body: text ? JSON.parse(text) : undefined };
}

/** Sends a $batch and returns its items by id (Graph answers them in no particular order). */
export async function batch(
  emulator: TestEmulator,
  token: string,
  requests: readonly Record<string, unknown>[],
): Promise<{ status: number; items: Map<string, BatchItemAnswer>; order: string[] }> {
  const answer = await graph(emulator, token, 'POST', '/$batch', { requests });
  const responses: BatchItemAnswer[] = answer.body?.responses ?? [];
  return {
    status: answer.status,
    items: new Map(responses.map((item) => [item.id, item])),
    order: responses.map((item) => item.id),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read freely in assertions.
export async function inspect(emulator: TestEmulator, method: string, path: string, body?: unknown): Promise<any> {
  const response = await emulator.fetch(`${emulator.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (response.status >= 400) throw Object.assign(new Error(`${method} ${path}: ${response.status} ${text}`), { json });
  return json;
}

/** Counters of one mailbox (user id) for the test application, from /_emulator/stats. */
export async function countersOf(emulator: TestEmulator, mailbox: string) {
  const stats = await inspect(emulator, 'GET', '/stats');
  return (
    stats.perApplicationMailbox.find((row: { mailbox: string }) => row.mailbox === mailbox) ?? {
      requests: 0,
      throttled: 0,
      faults: 0,
      byStatus: {},
    }
  );
}

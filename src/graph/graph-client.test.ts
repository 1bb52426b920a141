import { describe, expect, it } from 'vitest';
import { GraphClient, type GraphFetch } from './graph-client.ts';
import { GraphError, GraphProtocolError, GraphTransportError } from './graph-error.ts';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function fakeGraph(answer: (sent: Sent) => { status: number; headers?: Record<string, string>; body?: unknown }) {
  const sent: Sent[] = [];
  const fetch: GraphFetch = async (url, init) => {
    const request = { url, method: init.method, headers: init.headers, body: init.body && JSON.parse(init.body) };
    sent.push(request);
    const { status, headers = {}, body } = answer(request);
    const all = new Map(Object.entries({ 'content-type': 'application/json', ...headers }));
    return {
      status,
      headers: {
        forEach: (callback) => {
          for (const [key, value] of all) callback(value, key);
        },
      },
      text: async () => (body === undefined ? '' : JSON.stringify(body)),
    };
  };
  const client = new GraphClient({
    graphEndpoint: 'https://graph.example/',
    tokenProvider: { getToken: async () => 'token-1' },
    fetch,
    retry: { sleep: async () => {} },
  });
  return { client, sent };
}

describe('GraphClient.batch', () => {
  it('sends one $batch POST and returns one result per item, in order, never throwing for item failures', async () => {
    const { client, sent } = fakeGraph(() => ({
      status: 200,
      body: {
        responses: [
          {
            id: '3',
            status: 429,
            headers: { 'Retry-After': '4' },
            body: { error: { code: 'ApplicationThrottled', message: 'over its MailboxConcurrency limit' } },
          },
          { id: '1', status: 201, headers: {}, body: { id: 'e1', changeKey: 'ck1' } },
          { id: '2', status: 404, body: { error: { code: 'ErrorItemNotFound', message: 'gone' } } },
        ],
      },
    }));
    const results = await client.batch([
      { method: 'POST', path: '/users/s1%40uni.example/events', body: { subject: 'a' }, mailbox: 's1@uni.example' },
      { method: 'DELETE', path: '/users/s1%40uni.example/events/e2', headers: { 'If-Match': 'W/"x"' } },
      { method: 'GET', path: '/users/s1%40uni.example/events', query: { $top: 5, $filter: "subject eq 'a b'" } },
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url).toBe('https://graph.example/v1.0/$batch');
    expect(sent[0]?.headers.authorization).toBe('Bearer token-1');
    const items = (sent[0]?.body as { requests: Record<string, unknown>[] } | undefined)?.requests ?? [];
    expect(items.map((i) => i.id)).toEqual(['1', '2', '3']);
    expect(items[0]).toMatchObject({
      method: 'POST',
      url: '/users/s1%40uni.example/events',
      body: { subject: 'a' },
      headers: { 'content-type': 'application/json' },
    });
    expect(items[1]?.headers).toMatchObject({ 'if-match': 'W/"x"' });
    expect(items[2]?.url).toBe("/users/s1%40uni.example/events?$top=5&$filter=subject%20eq%20'a%20b'");
    expect(items[2]?.headers).toMatchObject({ prefer: expect.stringContaining('outlook.timezone="UTC"') });

    expect(results.map((r) => r.status)).toEqual([201, 404, 429]);
    expect(results[0]?.error).toBeUndefined();
    expect(results[1]?.error).toMatchObject({ graphCode: 'ErrorItemNotFound' });
    expect(results[2]?.error).toMatchObject({ graphCode: 'ApplicationThrottled', retryAfterMs: 4000 });
    expect(client.stats.snapshot()).toMatchObject({ httpRequests: 1, batchItems: 3, throttled: 1 });
  });

  it('throws a GraphError with Retry-After when the $batch POST itself is throttled', async () => {
    const { client } = fakeGraph(() => ({
      status: 503,
      headers: { 'retry-after': '9' },
      body: { error: { code: 'ServiceUnavailable', message: 'try later' } },
    }));
    const error = await client.batch([{ method: 'GET', path: '/me/events' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 503, retryAfterMs: 9000 });
    expect(client.stats.throttled).toBe(1);
  });

  it('refuses more than 20 items', async () => {
    const { client, sent } = fakeGraph(() => ({ status: 200, body: { responses: [] } }));
    const requests = Array.from({ length: 21 }, () => ({ method: 'GET' as const, path: '/me/events' }));
    await expect(client.batch(requests)).rejects.toBeInstanceOf(RangeError);
    expect(sent).toHaveLength(0);
  });

  it('throws a protocol error when an item has no result', async () => {
    const { client } = fakeGraph(() => ({ status: 200, body: { responses: [{ id: '1', status: 204 }] } }));
    await expect(
      client.batch([
        { method: 'DELETE', path: '/me/events/a' },
        { method: 'DELETE', path: '/me/events/b' },
      ]),
    ).rejects.toBeInstanceOf(GraphProtocolError);
  });
});

describe('GraphClient.request', () => {
  it('follows only links on its own endpoint (the token never leaves it)', async () => {
    const { client, sent } = fakeGraph(() => ({ status: 200, body: { value: [] } }));
    await client.request({ method: 'GET', path: 'https://graph.example/v1.0/me/events?$skip=10' });
    expect(sent[0]?.url).toBe('https://graph.example/v1.0/me/events?$skip=10');
    await expect(client.request({ method: 'GET', path: 'https://evil.example/v1.0/me/events' })).rejects.toBeInstanceOf(
      GraphProtocolError,
    );
    expect(sent).toHaveLength(1);
  });

  it('retries a throttled read in requestOk and counts the retry', async () => {
    let calls = 0;
    const { client } = fakeGraph(() =>
      ++calls === 1
        ? {
            status: 429,
            headers: { 'retry-after': '1' },
            body: { error: { graphCode: 'TooManyRequests', message: '' } },
          }
        : { status: 200, body: { value: [1] } },
    );
    const response = await client.requestOk({ method: 'GET', path: '/me/events' });
    expect(response.body).toEqual({ value: [1] });
    expect(client.stats.snapshot()).toMatchObject({ httpRequests: 2, throttled: 1, retries: 1 });
  });

  it('turns a reset socket into a GraphTransportError', async () => {
    const client = new GraphClient({
      graphEndpoint: 'https://graph.example',
      tokenProvider: { getToken: async () => 't' },
      fetch: async () => {
        throw new TypeError('fetch failed', {
          cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
        });
      },
    });
    const error = await client.request({ method: 'GET', path: '/me' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphTransportError);
    expect(error).toMatchObject({ failure: 'reset' });
    expect(client.stats.transportFailures).toBe(1);
  });
});

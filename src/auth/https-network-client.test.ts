import { once } from 'node:events';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AuthError } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTlsMaterial, type TlsMaterial } from '../../emulator/tls.ts';
import { HttpsNetworkClient } from './https-network-client.ts';

describe('HttpsNetworkClient', () => {
  let tls: TlsMaterial;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    tls = await generateTlsMaterial();
    server = createServer({ cert: tls.certPem, key: tls.keyPem }, (request, response) => {
      if (request.url === '/hang') return; // never answers: the client must give up
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (request.url === '/html') {
          response.writeHead(502, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
          return;
        }
        response.writeHead(request.method === 'POST' ? 400 : 200, {
          'Content-Type': 'application/json',
          'X-Ms-Request-Id': 'r1',
        });
        response.end(
          JSON.stringify({ method: request.method, body, contentType: request.headers['content-type'] ?? null }),
        );
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('trusts the extra CA and returns status, lower-case headers and the parsed JSON body', async () => {
    const client = new HttpsNetworkClient({ extraCaPem: tls.caCertPem });
    const response = await client.sendGetRequestAsync<{ method: string }>(`${base}/json`);
    expect(response.status).toBe(200);
    expect(response.headers['x-ms-request-id']).toBe('r1');
    expect(response.body.method).toBe('GET');
    await client.close();
  });

  it('posts the form body with msal\u2019s headers and hands back error statuses as responses', async () => {
    const client = new HttpsNetworkClient({ extraCaPem: [tls.caCertPem] });
    const response = await client.sendPostRequestAsync<{ body: string; contentType: string }>(`${base}/token`, {
      body: 'grant_type=client_credentials',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      body: 'grant_type=client_credentials',
      contentType: 'application/x-www-form-urlencoded;charset=utf-8',
    });
    await client.close();
  });

  it('refuses a server whose CA it was not given, as msal\u2019s network_error', async () => {
    const client = new HttpsNetworkClient();
    const error = await failure(client.sendGetRequestAsync(`${base}/json?secret=hidden`));
    expect(error.errorCode).toBe('network_error');
    expect(error.errorMessage).toMatch(/^Network request failed: GET https:\/\/127\.0\.0\.1:\d+\/json: /);
    expect(error.errorMessage).not.toContain('hidden');
    await client.close();
  });

  it('gives up on a server that does not answer in time', async () => {
    const client = new HttpsNetworkClient({ extraCaPem: tls.caCertPem, timeoutMs: 200 });
    const error = await failure(client.sendPostRequestAsync(`${base}/hang`, { body: '' }));
    expect(error.errorCode).toBe('network_error');
    expect(error.errorMessage).toContain('Request timeout after 200 ms');
    await client.close();
  });

  it('reports a body that is not JSON (a proxy\u2019s error page) with its status', async () => {
    const client = new HttpsNetworkClient({ extraCaPem: tls.caCertPem });
    const error = await failure(client.sendGetRequestAsync(`${base}/html`));
    expect(error.errorCode).toBe('token_parsing_error');
    expect(error.errorMessage).toContain('HTTP 502');
    await client.close();
  });
});

async function failure(promise: Promise<unknown>): Promise<AuthError> {
  try {
    await promise;
  } catch (error) {
    return error as AuthError;
  }
  throw new Error('expected the request to fail');
}

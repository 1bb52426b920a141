// Behind a reverse proxy every request comes from the proxy's address: `web.trustProxy` lets the sign-in rate
// limit see each client's own address (X-Forwarded-For), and without it a forged header changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebHarness, type WebHarness } from './web-harness.ts';

async function signInStatuses(harness: WebHarness, forwardedFor: readonly string[]): Promise<number[]> {
  const statuses: number[] = [];
  for (const address of forwardedFor) {
    const response = await harness.app.inject({
      method: 'GET',
      url: '/auth/sign-in',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': address },
    });
    statuses.push(response.statusCode);
  }
  return statuses;
}

describe('web.trustProxy', () => {
  let behindProxy: WebHarness;
  let direct: WebHarness;
  const signInRateLimit = { max: 2, timeWindowMs: 60_000 };

  beforeAll(async () => {
    behindProxy = await startWebHarness({ mode: 'application', signInRateLimit, web: { trustProxy: ['127.0.0.1'] } });
    direct = await startWebHarness({ mode: 'application', signInRateLimit });
  });
  afterAll(async () => {
    await behindProxy?.close();
    await direct?.close();
  });

  it('limits each client behind a trusted proxy on its own', async () => {
    expect(await signInStatuses(behindProxy, ['203.0.113.1', '203.0.113.1', '203.0.113.1'])).toEqual([302, 302, 429]);
    expect(await signInStatuses(behindProxy, ['203.0.113.2'])).toEqual([302]);
  });

  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    expect(await signInStatuses(direct, ['203.0.113.1', '203.0.113.2', '203.0.113.3'])).toEqual([302, 302, 429]);
  });
});

// The --write probe never stays behind: not when the check fails after the create, and not when the create's answer
// is lost on the way back (the probe is then found by its marker and deleted). Against the emulator, with faults
// injected into the HTTP exchange where a real network would break it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeEventCheck, probeSubject } from '../../src/doctor/probe-event.ts';
import { GraphClient, type GraphFetch } from '../../src/graph/graph-client.ts';
import { userMailbox } from '../../src/graph/mailbox-ref.ts';
import { inspectMailbox } from '../support/calendar-check.ts';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';

let emulator: TestEmulator;
beforeAll(async () => {
  emulator = await startTestEmulator();
});
afterAll(() => emulator?.close());

const context = { tenantId, clientId, authorityHost: 'https://127.0.0.1', graphEndpoint: 'https://127.0.0.1' };

/** A Graph client whose exchanges pass through `intercept` first (undefined: send as usual). */
function clientWith(intercept: (url: string, method: string) => 'lose-answer' | 'refuse-lookup' | undefined) {
  const send: GraphFetch = async (url, init) => {
    const fault = intercept(url, init.method);
    if (fault === 'refuse-lookup') {
      const body = { error: { code: 'ErrorInvalidRequest', message: 'injected refusal' } };
      return new Response(JSON.stringify(body), { status: 400, headers: { 'content-type': 'application/json' } });
    }
    const response = await emulator.fetch(url, init);
    if (fault === 'lose-answer') {
      await response.text();
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    return response;
  };
  return new GraphClient({
    graphEndpoint: emulator.url,
    tokenProvider: { getToken: () => emulator.appToken() },
    fetch: send,
    retry: { maxAttempts: 1 },
  });
}

async function probesLeft(): Promise<number> {
  return (await inspectMailbox(emulator, people.s2.upn)).filter((event) => event.subject === probeSubject).length;
}

describe('write probe', () => {
  it('deletes the probe when the check fails after the create', async () => {
    const graph = clientWith((url, method) =>
      method === 'GET' && url.includes('doctor-probe') ? 'refuse-lookup' : undefined,
    );
    const result = await probeEventCheck(graph, userMailbox(people.s2.upn), context);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^could not write: .*injected refusal/);
    expect(await probesLeft()).toBe(0);
  });

  it("finds the probe by its marker and deletes it when the create's answer was lost", async () => {
    const writesBefore = (await inspectMailbox(emulator, people.s2.upn)).length;
    const graph = clientWith((_url, method) => (method === 'POST' ? 'lose-answer' : undefined));
    const result = await probeEventCheck(graph, userMailbox(people.s2.upn), context);
    expect(result.status).toBe('fail');
    expect(result.summary).toMatch(/^could not write: The connection to .* broke off/);
    expect(await probesLeft()).toBe(0);
    expect((await inspectMailbox(emulator, people.s2.upn)).length).toBe(writesBefore);
  });

  it('says the probe may be left, and how to remove it, when even the delete fails', async () => {
    const graph = clientWith((_url, method) => (method === 'DELETE' ? 'lose-answer' : undefined));
    const result = await probeEventCheck(graph, userMailbox(people.s2.upn), context);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(`the probe event "${probeSubject}" may still be in the calendar`);
    expect(result.fix).toMatch(/^delete that event in Outlook/);
  });
});

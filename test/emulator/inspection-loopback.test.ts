// The inspection API is wired behind the loopback guard: a remote client gets 403 on every route, mailbox routes too.
import Fastify from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmulatorContext } from '../../emulator/context.ts';
import { generateSigningKey } from '../../emulator/entra/signing-key.ts';
import { registerInspectionRoutes } from '../../emulator/inspection/routes.ts';
import type { Seed } from '../../emulator/seed.ts';
import { createTestCertificate } from '../support/certificates.ts';
import { people, testSeed } from '../support/emulator.ts';

describe('inspection API from another machine', () => {
  let seed: Seed;
  beforeAll(async () => {
    seed = await testSeed(await createTestCertificate());
  });

  it.each([
    ['GET', '/_emulator/health'],
    ['GET', '/_emulator/stats'],
    ['PUT', '/_emulator/limits'],
    ['POST', '/_emulator/reset'],
    ['POST', `/_emulator/users/${people.s1.upn}/revoke-refresh-tokens`],
  ])('refuses %s %s with 403 and changes nothing', async (method, url) => {
    const context = new EmulatorContext(seed, generateSigningKey());
    context.stats.record('app', 'mailbox', 200);
    const app = Fastify();
    registerInspectionRoutes(app, context);
    const remote = await app.inject({
      method: method as 'GET',
      url,
      remoteAddress: '198.51.100.23',
      ...(method === 'PUT' ? { payload: { mailboxConcurrency: 1 } } : {}),
    });
    expect(remote.statusCode).toBe(403);
    expect(context.stats.report().totals.requests).toBe(1);
    expect(context.limits.mailboxConcurrency).toBe(4);

    const local = await app.inject({ method: 'GET', url: '/_emulator/health', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    await app.close();
  });
});

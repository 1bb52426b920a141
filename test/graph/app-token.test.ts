// The whole chain as production runs it: msal-node (unmodified) gets an app-only token from the emulator's Entra
// with our certificate over HTTPS and a custom CA, and the Graph client uses it. Token failures carry the AADSTS code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppTokenProvider } from '../../src/auth/app-token-provider.ts';
import { AuthError } from '../../src/auth/auth-error.ts';
import { GraphClient } from '../../src/graph/graph-client.ts';
import { userMailbox } from '../../src/graph/mailbox-ref.ts';
import { listOwnEvents } from '../../src/graph/own-events.ts';
import { createTestCertificate } from '../support/certificates.ts';
import { clientId, clientSecret, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';

describe('application tokens through msal-node against the emulator', () => {
  let emulator: TestEmulator;
  const endpoints = () => ({
    authorityHost: emulator.url,
    graphEndpoint: emulator.url,
    caPem: emulator.emulator.caPem,
  });

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());

  it('gets a token with the registered certificate, caches it, and Graph accepts it', async () => {
    const tokens = createAppTokenProvider({
      tenantId,
      clientId,
      ...endpoints(),
      credential: {
        certificate: { thumbprintSha256: emulator.certificate.sha256Hex, privateKey: emulator.certificate.keyPem },
      },
    });
    const client = new GraphClient({
      graphEndpoint: emulator.url,
      caPem: emulator.emulator.caPem,
      tokenProvider: tokens,
    });
    try {
      const [first, second] = await Promise.all([tokens.getToken(), tokens.getToken()]);
      expect(second).toBe(first);
      expect(await tokens.getToken()).toBe(first);
      expect(await listOwnEvents(client, userMailbox(people.s1.upn))).toEqual([]);
    } finally {
      await client.close();
      await tokens.close();
    }
  });

  it('gets a token with the client secret', async () => {
    const tokens = createAppTokenProvider({ tenantId, clientId, ...endpoints(), credential: { clientSecret } });
    try {
      expect((await tokens.getToken()).split('.')).toHaveLength(3);
    } finally {
      await tokens.close();
    }
  });

  it('fails with AADSTS700027 for a certificate the app does not have', async () => {
    const stranger = await createTestCertificate({ subject: 'CN=not registered' });
    const tokens = createAppTokenProvider({
      tenantId,
      clientId,
      ...endpoints(),
      credential: { certificate: { thumbprintSha256: stranger.sha256Hex, privateKey: stranger.keyPem } },
    });
    try {
      const error = await tokens.getToken().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toMatchObject({ code: 'AUTH_TOKEN', aadsts: 'AADSTS700027' });
    } finally {
      await tokens.close();
    }
  });

  it('fails with AADSTS7000215 for a wrong secret and AADSTS90002 for an unknown tenant', async () => {
    const wrongSecret = createAppTokenProvider({
      tenantId,
      clientId,
      ...endpoints(),
      credential: { clientSecret: 'nope' },
    });
    const unknownTenant = createAppTokenProvider({
      tenantId: '00000000-0000-4000-8000-000000000000',
      clientId,
      ...endpoints(),
      credential: { clientSecret },
    });
    try {
      await expect(wrongSecret.getToken()).rejects.toMatchObject({ aadsts: 'AADSTS7000215' });
      await expect(unknownTenant.getToken()).rejects.toMatchObject({ aadsts: 'AADSTS90002' });
    } finally {
      await wrongSecret.close();
      await unknownTenant.close();
    }
  });
});

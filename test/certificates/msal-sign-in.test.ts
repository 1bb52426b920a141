// The certificate `cert create` writes signs msal-node's client assertion (PS256, x5t#S256) and the emulator's
// Entra accepts it once the certificate is registered on the application, exactly as the Entra admin center's upload.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfidentialClientApplication, type INetworkModule } from '@azure/msal-node';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadClientCertificate, toMsalClientCertificate } from '../../src/certificates/load-client-certificate.ts';
import { seedCertificatePem } from '../../src/certificates/thumbprints.ts';
import { clientId, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { cert, temporaryDirectory } from './tools.ts';

describe('signing in with a certificate cert create made', () => {
  let emulator: TestEmulator;
  let dir: string;

  beforeAll(async () => {
    dir = temporaryDirectory();
    const created = await cert(['create', '--subject', 'CN=University timetable-sync', '--out', dir]);
    expect(created.status).toBe(0);
    const pem = seedCertificatePem(readFileSync(join(dir, 'timetable-sync.pem'), 'utf8'));
    emulator = await startTestEmulator({
      extraSeed: (seed) => {
        const tenants = seed.tenants as { applications: { certificates: string[] }[] }[];
        tenants[0]?.applications[0]?.certificates.push(pem);
      },
    });
  });
  afterAll(() => emulator?.close());

  it('gets an application token through msal-node from the PFX and from the PEM pair', async () => {
    const password = readFileSync(join(dir, 'timetable-sync.password'), 'utf8').trim();
    const sources = [
      { pfxPath: join(dir, 'timetable-sync.pfx'), password },
      { certPath: join(dir, 'timetable-sync.pem'), keyPath: join(dir, 'timetable-sync.key'), password },
    ];
    for (const source of sources) {
      const certificate = loadClientCertificate(source);
      const sent: string[] = [];
      const application = new ConfidentialClientApplication({
        auth: {
          clientId,
          authority: `${emulator.url}/${tenantId}`,
          knownAuthorities: [new URL(emulator.url).host],
          clientCertificate: { ...toMsalClientCertificate(certificate) },
        },
        system: { networkClient: networkClient(emulator, sent) },
      });
      const result = await application.acquireTokenByClientCredential({
        scopes: ['https://graph.microsoft.com/.default'],
      });
      expect(result?.accessToken).toBeTruthy();
      const assertion = new URLSearchParams(sent.at(-1)).get('client_assertion') as string;
      expect(decodeProtectedHeader(assertion)).toMatchObject({
        alg: 'PS256',
        'x5t#S256': Buffer.from(certificate.thumbprintSha256Hex, 'hex').toString('base64url'),
      });
    }
  });
});

// msal-node over the emulator's HTTPS, trusting only the emulator's CA; remembers the POST bodies it sent.
function networkClient(emulator: TestEmulator, sent: string[]): INetworkModule {
  const call = async <T>(url: string, init: { method: string; headers?: Record<string, string>; body?: string }) => {
    const response = await emulator.fetch(url, init);
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: (await response.json()) as T,
    };
  };
  return {
    sendGetRequestAsync: (url, options) =>
      call(url, { method: 'GET', ...(options?.headers ? { headers: options.headers } : {}) }),
    sendPostRequestAsync: (url, options) => {
      sent.push(options?.body ?? '');
      return call(url, {
        method: 'POST',
        ...(options?.headers ? { headers: options.headers } : {}),
        ...(options?.body ? { body: options.body } : {}),
      });
    },
  };
}

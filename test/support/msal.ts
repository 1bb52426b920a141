// msal-node clients pointed at a test emulator exactly as the product points them at Entra: only the authority
// (plus knownAuthorities, so msal skips Microsoft's instance discovery) and a network client trusting its CA.
import { ConfidentialClientApplication, type Configuration } from '@azure/msal-node';
import { HttpsNetworkClient } from '../../src/auth/https-network-client.ts';
import { type TestEmulator, clientId as testClientId, tenantId as testTenantId } from './emulator.ts';

export type ClientCredential = Pick<Configuration['auth'], 'clientSecret' | 'clientCertificate' | 'clientAssertion'>;

export interface MsalClientOptions {
  readonly tenant?: string;
  readonly clientId?: string;
}

export function msalConfiguration(
  emulator: TestEmulator,
  credential: ClientCredential,
  options: MsalClientOptions = {},
): Configuration {
  return {
    auth: {
      clientId: options.clientId ?? testClientId,
      authority: `${emulator.url}/${options.tenant ?? testTenantId}`,
      knownAuthorities: [new URL(emulator.url).host],
      ...credential,
    },
    system: { networkClient: new HttpsNetworkClient({ extraCaPem: emulator.emulator.caPem, timeoutMs: 10_000 }) },
  };
}

export function confidentialClient(
  emulator: TestEmulator,
  credential: ClientCredential,
  options: MsalClientOptions = {},
): ConfidentialClientApplication {
  return new ConfidentialClientApplication(msalConfiguration(emulator, credential, options));
}

export function certificateCredential(emulator: TestEmulator): ClientCredential {
  return {
    clientCertificate: {
      thumbprintSha256: emulator.certificate.sha256Hex,
      privateKey: emulator.certificate.keyPem,
    },
  };
}

import type { INetworkModule } from '@azure/msal-node';
import { describe, expect, it } from 'vitest';
import { msalConfiguration } from './app-token-provider.ts';

const network: INetworkModule = {
  sendGetRequestAsync: async () => ({ status: 500, headers: {}, body: {} as never }),
  sendPostRequestAsync: async () => ({ status: 500, headers: {}, body: {} as never }),
};
const base = {
  tenantId: 't-1',
  clientId: 'c-1',
  graphEndpoint: 'https://graph.microsoft.com',
  credential: { clientSecret: 's' },
};

describe('msalConfiguration', () => {
  it("names an unknown authority host as known, so msal reads its metadata instead of Microsoft's discovery", () => {
    const config = msalConfiguration({ ...base, authorityHost: 'https://127.0.0.1:8443/' }, network);
    expect(config.auth).toMatchObject({
      authority: 'https://127.0.0.1:8443/t-1',
      knownAuthorities: ['127.0.0.1:8443'],
    });
    expect(config.system?.networkClient).toBe(network);
  });

  it("leaves Microsoft's own clouds to msal's instance discovery", () => {
    for (const host of [
      'https://login.microsoftonline.com',
      'https://login.microsoftonline.us',
      'https://login.chinacloudapi.cn',
    ]) {
      const config = msalConfiguration({ ...base, authorityHost: host }, network);
      expect(config.auth.knownAuthorities).toBeUndefined();
      expect(config.auth.authority).toBe(`${host}/t-1`);
    }
  });

  it('passes a certificate as msal wants it, and a secret as a secret', () => {
    const certificate = {
      thumbprintSha256: 'AB12',
      privateKey: '-----BEGIN PRIVATE KEY-----',
      x5c: '-----BEGIN CERTIFICATE-----',
    };
    const withCertificate = msalConfiguration(
      { ...base, authorityHost: 'https://login.microsoftonline.com', credential: { certificate } },
      network,
    );
    expect(withCertificate.auth.clientCertificate).toEqual(certificate);
    expect(withCertificate.auth.clientSecret).toBeUndefined();
    const withSecret = msalConfiguration({ ...base, authorityHost: 'https://login.microsoftonline.com' }, network);
    expect(withSecret.auth).toMatchObject({ clientSecret: 's' });
    expect(withSecret.auth.clientCertificate).toBeUndefined();
  });
});

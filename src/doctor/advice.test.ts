import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GraphError, GraphTransportError } from '../graph/graph-error.ts';
import { aadstsAdvice, knownAadstsCodes } from './aadsts-advice.ts';
import type { AdviceContext } from './advice.ts';
import { graphAdvice } from './graph-advice.ts';

const context: AdviceContext = {
  tenantId: '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10',
  clientId: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  authorityHost: 'https://login.microsoftonline.com',
  graphEndpoint: 'https://graph.microsoft.com',
  certificate: {
    subject: 'CN=University timetable-sync',
    sha1Hex: '835E0F058EEE4C9FCFD73337F00DC2603658C093',
    sha256Hex: '2033CD1869E1AE26600C91BEDBF8C714B5931A6712509F0BFDB62A938995D824',
    notAfter: new Date('2026-11-29T21:43:21Z'),
    file: '/etc/timetable-sync/timetable-sync.pfx',
    upload: '/etc/timetable-sync/timetable-sync.cer',
    inspect:
      'timetable-sync cert inspect /etc/timetable-sync/timetable-sync.pfx --password-file /etc/timetable-sync/timetable-sync.password',
  },
  secretSource: 'file /etc/timetable-sync/client-secret',
  mailbox: 's1@uni.example',
};

describe('aadstsAdvice', () => {
  it('knows every code the design lists', () => {
    const listed = [
      700027, 700024, 7000215, 7000222, 700016, 90002, 65001, 50173, 700082, 70008, 500011, 1002012, 7000218,
    ];
    for (const code of listed) expect(knownAadstsCodes).toContain(`AADSTS${code}`);
  });

  it('says which certificate is not registered, on which app, and what to upload where', () => {
    const advice = aadstsAdvice(
      'AADSTS700027',
      context,
      'AADSTS700027: The certificate with identifier … is not registered on application.',
    );
    expect(advice.problem).toBe(
      'The certificate used to sign in is not registered on the application: the certificate "CN=University timetable-sync" (SHA-1 thumbprint 835E0F058EEE4C9FCFD73337F00DC2603658C093, SHA-256 2033CD1869E1AE26600C91BEDBF8C714B5931A6712509F0BFDB62A938995D824) is not on app registration 0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    expect(advice.fix).toMatch(
      /^upload \/etc\/timetable-sync\/timetable-sync\.cer to app registration 0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b > Certificates & secrets > Certificates > Upload certificate \(the Microsoft Entra admin center \(https:\/\/entra\.microsoft\.com\) > Entra ID > App registrations\)/,
    );
    expect(advice.fix).toContain('`timetable-sync cert inspect /etc/timetable-sync/timetable-sync.pfx --password-file');
    expect(advice.fix).not.toContain('emulator');
  });

  it('tells the three causes of AADSTS700027 apart by what Entra says', () => {
    expect(
      aadstsAdvice(
        'AADSTS700027',
        context,
        'Client assertion contains an invalid signature. [Reason - The key used is expired.',
      ).problem,
    ).toMatch(/because it has expired \(on 2026-11-29T21:43:21Z\)/);
    expect(
      aadstsAdvice(
        'AADSTS700027',
        context,
        'Client assertion contains an invalid signature. [Reason - The provided signature value did not match',
      ).problem,
    ).toMatch(/signed with a key that does not belong to the certificate/);
  });

  it('names the concrete thing to change for each code', () => {
    const expectations: Record<string, RegExp> = {
      AADSTS700024: /clock is wrong/,
      AADSTS7000215: /Value \(not its Secret ID\).*file \/etc\/timetable-sync\/client-secret/,
      AADSTS7000222: /has expired/,
      AADSTS700016: /no application 0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b in tenant 6f1c1c52/,
      AADSTS90002: /Tenant 6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10 was not found/,
      AADSTS65001: /Grant admin consent/,
      AADSTS50173: /signs in again/,
      AADSTS700082: /90 days/,
      AADSTS70008: /expired/,
      AADSTS500011: /microsoft\.cloud/,
      AADSTS1002012: /microsoft\.graphEndpoint must be a bare origin/,
      AADSTS7000218: /microsoft\.certificate/,
    };
    for (const [code, pattern] of Object.entries(expectations)) {
      const advice = aadstsAdvice(code, context);
      expect(`${advice.problem}. ${advice.fix}`, code).toMatch(pattern);
    }
  });

  it('still names an unknown code and where to look it up', () => {
    const advice = aadstsAdvice('AADSTS123456', context, 'AADSTS123456: Something new.\r\nTrace ID: x');
    expect(advice.problem).toBe('Microsoft Entra refused the sign-in (AADSTS123456): AADSTS123456: Something new.');
    expect(advice.fix).toContain('https://login.microsoftonline.com/error?code=123456');
  });

  it('points the emulator user at the seed file', () => {
    const emulator = { ...context, authorityHost: 'https://127.0.0.1:8443' };
    expect(aadstsAdvice('AADSTS700016', emulator).fix).toContain(
      "with the emulator at 127.0.0.1:8443, compare with the seed file's",
    );
    expect(aadstsAdvice('AADSTS700027', emulator).fix).toContain("to the application's certificates in the seed file");
  });
});

describe('graphAdvice', () => {
  const graphError = (status: number, graphCode: string, message: string, retryAfterMs?: number) =>
    new GraphError({ status, graphCode, message, mailbox: 's1@uni.example', retryAfterMs });

  it('tells an access policy from an RBAC scope and a missing permission', () => {
    const policy = graphAdvice(graphError(403, 'ErrorAccessDenied', 'Access to OData is disabled.'), context);
    expect(policy.problem).toMatch(/Application Access Policy keeps application 0b7e5f3a-.* out of s1@uni\.example/);
    expect(policy.fix).toContain(
      'Test-ApplicationAccessPolicy -Identity s1@uni.example -AppId 0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    );
    const denied = graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    expect(graphAdvice(denied, { ...context, roles: ['Calendars.ReadWrite'] }).fix).toContain(
      'Test-ServicePrincipalAuthorization -Identity 0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b -Resource s1@uni.example',
    );
    expect(graphAdvice(denied, { ...context, roles: ['User.Read.All'] }).problem).toMatch(
      /carries no Calendars\.ReadWrite/,
    );
  });

  it('names the user, the mailbox and the token problems', () => {
    expect(
      graphAdvice(graphError(404, 'ErrorInvalidUser', "The requested user 's1' is invalid."), context).problem,
    ).toBe('There is no user s1@uni.example in tenant 6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10');
    const noMailbox = graphAdvice(
      graphError(404, 'MailboxNotEnabledForRESTAPI', 'The mailbox is either inactive…'),
      context,
    );
    expect(noMailbox.problem).toMatch(/has no Exchange Online mailbox/);
    expect(noMailbox.fix).toMatch(/licence with Exchange Online/);
    expect(
      graphAdvice(graphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.'), context).problem,
    ).toMatch(/refused the access token/);
    expect(
      graphAdvice(graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges'), context).fix,
    ).toContain('GroupMember.Read.All');
  });

  it('says throttling and outages are temporary', () => {
    expect(graphAdvice(graphError(429, 'ApplicationThrottled', 'MailboxConcurrency', 12_000), context).problem).toMatch(
      /throttling .* \(ApplicationThrottled, asked to wait 12 s\)/,
    );
    expect(graphAdvice(graphError(503, 'ServiceUnavailable', 'x'), context).fix).toMatch(/again in a few minutes/);
  });

  it('sends an untrusted TLS certificate to microsoft.caFile', () => {
    const advice = graphAdvice(new GraphTransportError('tls', 'SELF_SIGNED_CERT_IN_CHAIN'), context);
    expect(advice.fix).toContain('microsoft.caFile');
    expect(advice.code).toBe('GRAPH_TRANSPORT');
  });
});

describe('docs/troubleshooting.md', () => {
  it('explains every AADSTS code the doctor maps', () => {
    const page = readFileSync(new URL('../../docs/troubleshooting.md', import.meta.url), 'utf8');
    for (const code of knownAadstsCodes) expect(page, code).toContain(`\`${code}\``);
    for (const code of [
      'ErrorAccessDenied',
      'ErrorInvalidUser',
      'MailboxNotEnabledForRESTAPI',
      'InvalidAuthenticationToken',
    ]) {
      expect(page, code).toContain(code);
    }
  });
});

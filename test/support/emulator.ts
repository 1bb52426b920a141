// Starts a real emulator (HTTPS on a free port, its own CA) with a small university tenant for a test file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { issueAppToken, issueDelegatedToken } from '../../emulator/entra/access-token.ts';
import { type RunningEmulator, startEmulator } from '../../emulator/index.ts';
import { parseSeed, type Seed } from '../../emulator/seed.ts';
import { createTestCertificate, type TestCertificate } from './certificates.ts';

export const tenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
export const clientId = '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
export const clientSecret = 'test-secret-value';
export const groupId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const redirectUri = 'http://localhost:3000/auth/callback';

/** The people of the test tenant: two students in the sync group, one outside it, one without a mailbox. */
export const people = {
  s1: { id: '11111111-1111-4111-8111-111111111111', upn: 's1@uni.example', password: 'pw-s1' },
  s2: { id: '22222222-2222-4222-8222-222222222222', upn: 's2@uni.example', password: 'pw-s2' },
  outsider: { id: '33333333-3333-4333-8333-333333333333', upn: 'outsider@uni.example', password: 'pw-out' },
  noMailbox: { id: '44444444-4444-4444-8444-444444444444', upn: 'onprem@uni.example', password: 'pw-onprem' },
} as const;

export interface TestEmulator {
  readonly emulator: RunningEmulator;
  readonly url: string;
  readonly caPath: string;
  readonly certificate: TestCertificate;
  readonly seed: Seed;
  /** `fetch` that trusts the emulator's CA (real HTTPS, no verification switched off). */
  readonly fetch: typeof undiciFetch;
  readonly agent: Agent;
  /** An app-only access token minted directly (no token endpoint round trip), for Graph tests. */
  appToken(roles?: readonly string[]): Promise<string>;
  /** A delegated access token for one of `people`, minted directly. */
  delegatedToken(upn: string, scopes?: readonly string[]): Promise<string>;
  close(): Promise<void>;
}

export interface TestSeedOptions {
  readonly extraSeed?: (seed: Record<string, unknown>) => void;
  readonly statePath?: string;
}

export async function testSeed(certificate: TestCertificate, options: TestSeedOptions = {}): Promise<Seed> {
  const raw: Record<string, unknown> = {
    tenants: [
      {
        id: tenantId,
        domain: 'uni.example',
        users: Object.entries(people).map(([name, p]) => ({
          id: p.id,
          userPrincipalName: p.upn,
          displayName: name,
          password: p.password,
          mailbox: name !== 'noMailbox',
        })),
        groups: [
          {
            id: groupId,
            displayName: 'Timetable sync users',
            mailEnabledSecurity: true,
            members: [people.s1.upn, people.s2.upn, people.noMailbox.upn],
          },
        ],
        applications: [
          {
            clientId,
            displayName: 'timetable-sync',
            certificates: [certificate.certPem],
            secrets: [clientSecret],
            applicationPermissions: ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'],
            delegatedPermissions: [
              'Calendars.ReadWrite',
              'MailboxSettings.ReadWrite',
              'offline_access',
              'openid',
              'profile',
              'User.Read',
            ],
            redirectUris: [redirectUri],
            accessPolicy: { groupId, accessRight: 'RestrictAccess' },
          },
        ],
        events: {
          [people.s1.upn]: [
            {
              subject: 'Dentist',
              start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Amsterdam' },
              end: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Amsterdam' },
            },
          ],
        },
      },
    ],
  };
  options.extraSeed?.(raw);
  return parseSeed(raw, 'test seed');
}

export async function startTestEmulator(options: TestSeedOptions = {}): Promise<TestEmulator> {
  const certificate = await createTestCertificate();
  const seed = await testSeed(certificate, options);
  const caPath = join(mkdtempSync(join(tmpdir(), 'tts-emulator-')), 'ca.pem');
  const emulator = await startEmulator({
    seed,
    port: 0,
    caPath,
    ...(options.statePath ? { statePath: options.statePath } : {}),
  });
  const agent = new Agent({ connect: { ca: emulator.caPem } });
  const context = emulator.context;
  const tenant = () => {
    const t = context.directory.tenant(tenantId);
    if (!t) throw new Error('test tenant missing');
    return t;
  };
  const app = () => {
    const a = context.directory.application(tenant(), clientId);
    if (!a) throw new Error('test application missing');
    return a;
  };
  return {
    emulator,
    url: emulator.url,
    caPath,
    certificate,
    seed,
    agent,
    fetch: ((input: Parameters<typeof undiciFetch>[0], init?: Parameters<typeof undiciFetch>[1]) =>
      undiciFetch(input, { dispatcher: agent, ...init })) as typeof undiciFetch,
    appToken: async (roles) => {
      const application = roles ? { ...app(), applicationPermissions: roles } : app();
      return (await issueAppToken(context.signingKey, tenant(), application, 'https://graph.microsoft.com', 3600))
        .token;
    },
    delegatedToken: async (upn, scopes = ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite', 'User.Read']) => {
      const user = context.directory.user(tenant(), upn);
      if (!user) throw new Error(`no test user ${upn}`);
      return (
        await issueDelegatedToken(
          context.signingKey,
          tenant(),
          app(),
          user,
          scopes,
          'https://graph.microsoft.com',
          3600,
        )
      ).token;
    },
    close: async () => {
      await emulator.close();
      await agent.close();
    },
  };
}

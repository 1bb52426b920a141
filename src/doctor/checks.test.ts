import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSelfSignedCertificate } from '../certificates/create-certificate.ts';
import type { AdviceContext } from './advice.ts';
import { checkCredential } from './credential-check.ts';
import { checkClock, clockResult } from './entra-checks.ts';
import { formatCheck } from './format-report.ts';
import { checkPermissions, decodeTokenClaims } from './token-check.ts';

const context: AdviceContext = {
  tenantId: '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10',
  clientId: '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
  authorityHost: 'https://login.microsoftonline.com',
  graphEndpoint: 'https://graph.microsoft.com',
};

function jwt(payload: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(payload)}.signature`;
}

describe('clock', () => {
  it('passes within 2 minutes, warns up to 5, fails beyond (Entra refuses then)', () => {
    expect(clockResult(400).status).toBe('pass');
    expect(clockResult(-90_000)).toMatchObject({
      status: 'pass',
      summary: expect.stringMatching(/1\.5 minutes ahead of/),
    });
    expect(clockResult(3 * 60_000)).toMatchObject({
      status: 'warn',
      summary: expect.stringMatching(/3\.0 minutes behind/),
    });
    expect(clockResult(-6 * 60_000)).toMatchObject({ status: 'fail', code: 'CLOCK_SKEW' });
  });

  it('warns when the server sent no Date header', () => {
    const probe = { kind: 'answered', url: 'u', status: 200, body: {}, serverTime: undefined, localTime: 0 } as const;
    expect(checkClock(probe, 'https://login.microsoftonline.com').status).toBe('warn');
  });
});

describe('token permissions', () => {
  it('reads roles from the token payload', () => {
    expect(decodeTokenClaims(jwt({ roles: ['Calendars.ReadWrite'], tid: 't', exp: 5 }))).toEqual({
      roles: ['Calendars.ReadWrite'],
      tid: 't',
      exp: 5,
    });
    expect(decodeTokenClaims('not a token')).toBeUndefined();
  });

  it('fails without Calendars.ReadWrite, warns without MailboxSettings.ReadWrite', () => {
    const application = { auth: 'application' } as const;
    const none = checkPermissions({ roles: [] }, application, context);
    expect(none).toMatchObject({
      status: 'fail',
      summary: 'the token carries no application permissions: Calendars.ReadWrite is missing',
    });
    expect(none.fix).toContain('Grant admin consent');
    const noColours = checkPermissions({ roles: ['Calendars.ReadWrite'] }, application, context);
    expect(noColours.status).toBe('warn');
    expect(noColours.summary).toContain('no coloured categories');
    expect(
      checkPermissions({ roles: ['MailboxSettings.ReadWrite', 'calendars.readwrite'] }, application, context).status,
    ).toBe('pass');
    expect(checkPermissions(undefined, { auth: 'delegated' }, context).status).toBe('skip');
  });

  it('leaves a missing Calendars.ReadWrite to the mailbox checks when there are some (RBAC for Applications)', () => {
    const rbac = checkPermissions({ roles: [] }, { auth: 'application' }, context, { mailboxesToCheck: true });
    expect(rbac.status).toBe('warn');
    expect(rbac.summary).toContain('RBAC for Applications');
  });
});

describe('formatCheck', () => {
  it('prints the fix and details only for warnings and failures', () => {
    const fail = {
      check: 'x',
      title: 'token',
      status: 'fail',
      summary: 'broken',
      fix: 'mend it',
      details: ['Entra said so'],
    } as const;
    expect(formatCheck(fail)).toBe('FAIL  token: broken\n      fix: mend it\n        Entra said so');
    expect(formatCheck({ ...fail, status: 'pass' })).toBe('PASS  token: broken');
  });
});

describe('checkCredential', () => {
  it('warns 30 days before the certificate ends, and gives its state for a dashboard', async () => {
    const now = new Date('2027-03-01T12:00:00Z');
    const made = await createSelfSignedCertificate({
      subject: 'CN=University timetable-sync',
      keyBits: 2048,
      notBefore: new Date('2026-03-01T12:00:00Z'),
      notAfter: new Date('2027-03-11T12:00:00Z'),
    });
    const dir = mkdtempSync(join(tmpdir(), 'tts-credential-'));
    writeFileSync(join(dir, 'c.pem'), made.facts.pem);
    writeFileSync(join(dir, 'k.pem'), made.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const checked = await checkCredential(
      { kind: 'pem', cert: join(dir, 'c.pem'), key: join(dir, 'k.pem'), password: null },
      { now },
    );
    expect(checked.result).toMatchObject({ status: 'warn', code: 'CERT_EXPIRES_SOON' });
    expect(checked.result.summary).toContain('expires in 10 days');
    expect(checked.certificate).toMatchObject({ daysLeft: 10, sha1Hex: made.facts.thumbprints.sha1Hex });
    expect(checked.credential).toBeDefined();
  });
});

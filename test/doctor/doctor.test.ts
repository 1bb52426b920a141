// The doctor against the emulator over HTTPS with the real msal-node: it passes on a good setup (the --write probe is
// created and deleted, nothing else touched), and for each broken setup names the problem an admin must fix, with
// the exit code a script can test.
import { spawn } from 'node:child_process';
import { createPrivateKey, randomUUID, X509Certificate } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePkcs12 } from '../../src/certificates/pkcs12-write.ts';
import { runDoctorCommand } from '../../src/cli/commands/doctor.ts';
import { runDoctor } from '../../src/doctor/run-doctor.ts';
import { inspectMailbox } from '../support/calendar-check.ts';
import { createTestCertificate, type TestCertificate } from '../support/certificates.ts';
import { clientId, people, startTestEmulator, type TestEmulator, tenantId } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
}

const dayMs = 24 * 3600 * 1000;
let emulator: TestEmulator;
let expired: TestCertificate;

beforeAll(async () => {
  expired = await createTestCertificate({
    subject: 'CN=timetable-sync expired',
    notBefore: new Date(Date.now() - 400 * dayMs),
    notAfter: new Date(Date.now() - dayMs),
  });
  emulator = await startTestEmulator({
    // The expired certificate is registered, as it would be on an app registration nobody rotated.
    extraSeed: (seed) => {
      const [tenant] = seed.tenants as { applications: { certificates: string[] }[] }[];
      tenant?.applications[0]?.certificates.push(expired.certPem);
    },
  });
});
afterAll(() => emulator?.close());

interface Setup {
  readonly tenantId?: string;
  readonly clientId?: string;
  /** PEM certificate and key (default: the one registered in the seed), or a PFX with its password. */
  readonly certificate?: TestCertificate | { readonly pfx: Buffer; readonly password: string };
  /** A client secret instead of a certificate. */
  readonly secret?: string;
}

/** A configuration folder as an admin writes it: the credential files, the emulator's CA, a timetable for s1. */
function configFolder(setup: Setup = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tts-doctor-'));
  const credential = setup.certificate ?? emulator.certificate;
  let certificate: Record<string, string>;
  if (setup.secret !== undefined) {
    writeFileSync(join(dir, 'client-secret'), `${setup.secret}\n`);
    certificate = {};
  } else if ('pfx' in credential) {
    writeFileSync(join(dir, 'timetable-sync.pfx'), credential.pfx);
    writeFileSync(join(dir, 'timetable-sync.password'), `${credential.password}\n`);
    certificate = { pfx: 'timetable-sync.pfx', passwordFile: 'timetable-sync.password' };
  } else {
    writeFileSync(join(dir, 'timetable-sync.pem'), credential.certPem);
    writeFileSync(join(dir, 'timetable-sync.cer'), new X509Certificate(credential.certPem).raw);
    writeFileSync(join(dir, 'timetable-sync.key'), credential.keyPem);
    certificate = { cert: 'timetable-sync.pem', key: 'timetable-sync.key' };
  }
  writeFileSync(
    join(dir, 'timetable.json'),
    JSON.stringify({
      timeZone: 'Europe/Amsterdam',
      people: [{ id: 's1', mailbox: people.s1.upn, events: lectures('s1', 3) }],
    }),
  );
  const configPath = join(dir, 'timetable-sync.yaml');
  writeFileSync(
    configPath,
    JSON.stringify({
      database: { dataDir: join(dir, 'data') },
      microsoft: {
        tenantId: setup.tenantId ?? tenantId,
        clientId: setup.clientId ?? clientId,
        authorityHost: emulator.url,
        graphEndpoint: emulator.url,
        caFile: emulator.caPath,
        ...(setup.secret === undefined ? { certificate } : { clientSecretFile: 'client-secret' }),
      },
      source: { type: 'json', path: 'timetable.json' },
    }),
  );
  return configPath;
}

/** The doctor in this process, its printed output captured. */
async function doctor(configPath: string, ...args: string[]): Promise<Run> {
  const lines: string[] = [];
  const output = { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) };
  const code = await runDoctorCommand(['--config', configPath, ...args], output, {});
  return { code, stdout: lines.join('\n') };
}

/** The printed line of one check, with its fix and details. */
function section(run: Run, title: string): string {
  const start = run.stdout.search(
    new RegExp(`^(PASS|WARN|FAIL|SKIP)  ${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm'),
  );
  if (start < 0) throw new Error(`no line for "${title}" in:\n${run.stdout}`);
  const rest = run.stdout.slice(start);
  const end = rest.slice(1).search(/^(PASS|WARN|FAIL|SKIP) {2}|^\n|^\d+ passed/m);
  return end < 0 ? rest : rest.slice(0, end + 1);
}

function cli(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/timetable-sync.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stdout += chunk;
    });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('doctor on a good setup', () => {
  it('passes every check, and --write creates and deletes a probe without touching anything else', async () => {
    const before = await inspectMailbox(emulator, people.s1.upn);
    const run = await cli(['doctor', '--config', configFolder(), '--mailbox', people.s1.upn, '--write']);
    expect(run.stdout).not.toMatch(/^(FAIL|WARN|SKIP) /m);
    for (const title of ['configuration', 'certificate', 'clock', 'tenant', 'token', 'permissions', 'source']) {
      expect(section(run, title)).toMatch(/^PASS/);
    }
    expect(section(run, 'permissions')).toContain('Calendars.ReadWrite, MailboxSettings.ReadWrite');
    expect(section(run, `mailbox ${people.s1.upn}`)).toMatch(/^PASS .*Exchange Online mailbox/);
    expect(section(run, `write probe ${people.s1.upn}`)).toMatch(/^PASS .*created a probe event.*deleted it again/);
    expect(section(run, `timetable ${people.s1.upn}`)).toMatch(/^PASS .*3 events in the sync window/);
    expect(run.stdout).toContain('nothing failed');
    expect(run.code).toBe(0);

    // The probe was written (201) and deleted (204); the owner's own event is exactly as it was.
    const stats = (await (await emulator.fetch(`${emulator.url}/_emulator/stats`)).json()) as {
      perApplicationMailbox: { mailbox: string; byStatus: Record<string, number> }[];
    };
    const s1 = stats.perApplicationMailbox.find((row) => row.mailbox === people.s1.id);
    expect(s1?.byStatus['201']).toBe(1);
    expect(s1?.byStatus['204']).toBe(1);
    expect(await inspectMailbox(emulator, people.s1.upn)).toEqual(before);
  });

  it('without --write reads only, and --json gives the results as data', async () => {
    const run = await doctor(configFolder(), '--mailbox', people.s1.upn, '--json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      ok: boolean;
      results: { check: string; status: string; summary: string }[];
      certificate: { sha1Hex: string; daysLeft: number };
    };
    expect(report.ok).toBe(true);
    expect(report.results.find((r) => r.check === 'probe')).toMatchObject({ status: 'skip' });
    expect(report.results.find((r) => r.check === 'probe')?.summary).toContain('--write');
    expect(report.certificate.sha1Hex).toBe(emulator.certificate.sha1Hex);
    expect(report.certificate.daysLeft).toBeGreaterThan(300);
  });
});

describe('doctor names the problem', () => {
  it('wrong certificate password: the certificate fails, nothing is sent to Entra', async () => {
    const pfx = writePkcs12({
      certificateDer: new X509Certificate(emulator.certificate.certPem).raw,
      privateKey: createPrivateKey(emulator.certificate.keyPem),
      password: 'the-right-password',
      friendlyName: 'timetable-sync',
    });
    const run = await doctor(configFolder({ certificate: { pfx, password: 'a-wrong-password' } }));
    expect(section(run, 'certificate')).toMatch(/^FAIL .*password does not (decrypt|open)/i);
    expect(section(run, 'certificate')).toMatch(
      /fix: the password in file .*timetable-sync\.password does not belong to/,
    );
    expect(section(run, 'token')).toMatch(/^SKIP .*needs a usable credential/);
    expect(run.code).toBe(1);
  });

  it('expired certificate: the certificate fails, and Entra refuses it as expired', async () => {
    const run = await doctor(configFolder({ certificate: expired }));
    expect(section(run, 'certificate')).toMatch(/^FAIL .*"CN=timetable-sync expired" expired on/);
    expect(section(run, 'certificate')).toContain('timetable-sync cert create');
    const token = section(run, 'token');
    expect(token).toMatch(/^FAIL .*refuses the certificate .*because it has expired/);
    expect(token).toContain(expired.sha1Hex);
    expect(token).toContain('AADSTS700027');
    expect(run.code).toBe(1);
  });

  it('certificate not registered: names the thumbprint signed with, the app and the file to upload', async () => {
    const stranger = await createTestCertificate({ subject: 'CN=timetable-sync unregistered' });
    const configPath = configFolder({ certificate: stranger });
    const run = await doctor(configPath);
    expect(section(run, 'certificate')).toMatch(/^PASS/);
    const token = section(run, 'token');
    expect(token).toMatch(/^FAIL {2}token: The certificate used to sign in is not registered on the application/);
    expect(token).toContain(`SHA-1 thumbprint ${stranger.sha1Hex}`);
    expect(token).toContain(
      `upload ${join(configPath, '..', 'timetable-sync.cer')} to app registration ${clientId} > Certificates & secrets`,
    );
    expect(section(run, 'permissions')).toMatch(/^SKIP .*needs a token/);
    expect(run.code).toBe(1);
  });

  it('wrong client secret: names the app and the file the secret comes from', async () => {
    const configPath = configFolder({ secret: 'not-the-secret' });
    const run = await doctor(configPath);
    expect(section(run, 'client secret')).toMatch(/^PASS/);
    const token = section(run, 'token');
    expect(token).toMatch(
      new RegExp(
        `^FAIL {2}token: Microsoft Entra refused the client secret: it is not a secret of application ${clientId}`,
      ),
    );
    expect(token).toContain(`into file ${join(configPath, '..', 'client-secret')}`);
    expect(token).toContain('AADSTS7000215');
    expect(run.code).toBe(1);
  });

  it('unknown tenant: tenant not found, and the token is not tried', async () => {
    const unknown = randomUUID();
    const run = await doctor(configFolder({ tenantId: unknown }));
    const tenant = section(run, 'tenant');
    expect(tenant).toMatch(new RegExp(`^FAIL {2}tenant: tenant not found: Tenant ${unknown} was not found`));
    expect(tenant).toContain('AADSTS90002');
    expect(tenant).toContain('microsoft.tenantId');
    expect(section(run, 'token')).toMatch(/^SKIP .*tenant/);
    expect(run.code).toBe(1);
  });

  it('unknown application: no such client id in the tenant', async () => {
    const unknown = randomUUID();
    const run = await doctor(configFolder({ clientId: unknown }));
    const token = section(run, 'token');
    expect(token).toMatch(new RegExp(`^FAIL {2}token: There is no application ${unknown} in tenant ${tenantId}`));
    expect(token).toContain('Application (client) ID');
    expect(token).toContain('AADSTS700016');
    expect(run.code).toBe(1);
  });

  it('mailboxes: outside the access policy, without Exchange Online, unknown; the others still checked', async () => {
    const nobody = 'nobody@uni.example';
    const run = await doctor(
      configFolder(),
      ...[people.outsider.upn, people.noMailbox.upn, nobody, people.s1.upn].flatMap((upn) => ['--mailbox', upn]),
    );
    const outsider = section(run, `mailbox ${people.outsider.upn}`);
    expect(outsider).toMatch(/^FAIL .*Application Access Policy keeps application .* out of outsider@uni\.example/);
    expect(outsider).toContain(`Test-ApplicationAccessPolicy -Identity ${people.outsider.upn} -AppId ${clientId}`);
    expect(section(run, `our events ${people.outsider.upn}`)).toMatch(/^SKIP .*needs the mailbox check/);
    const onPremises = section(run, `mailbox ${people.noMailbox.upn}`);
    expect(onPremises).toMatch(/^FAIL .*has no Exchange Online mailbox/);
    expect(onPremises).toContain('MailboxNotEnabledForRESTAPI');
    expect(section(run, `mailbox ${nobody}`)).toMatch(/^FAIL .*There is no user nobody@uni\.example in tenant/);
    expect(section(run, `mailbox ${nobody}`)).toContain('ErrorInvalidUser');
    expect(section(run, `timetable ${nobody}`)).toMatch(/^WARN .*no person in .* has the mailbox nobody@uni\.example/);
    expect(section(run, `mailbox ${people.s1.upn}`)).toMatch(/^PASS/);
    expect(run.code).toBe(1);
  });

  it("this machine's clock 10 minutes ahead: the clock check fails", async () => {
    const report = await runDoctor({ configPath: configFolder(), env: {}, now: () => Date.now() + 10 * 60_000 });
    const clock = report.results.find((r) => r.check === 'clock');
    expect(clock).toMatchObject({ status: 'fail', code: 'CLOCK_SKEW' });
    expect(clock?.summary).toMatch(/clock is 10\.0 minutes ahead of Microsoft Entra's/);
    expect(clock?.fix).toContain('timedatectl set-ntp true');
    expect(report.exitCode).toBe(1);
  });

  it('a configuration that cannot be used: every problem listed, exit 2', async () => {
    const configPath = configFolder();
    writeFileSync(configPath, JSON.stringify({ microsoft: { tenantId: 'not a tenant', clientId }, source: {} }));
    const run = await doctor(configPath);
    const configuration = section(run, 'configuration');
    expect(configuration).toMatch(/^FAIL .*has \d+ problems/);
    expect(configuration).toContain('microsoft.tenantId: must be a GUID or a domain name');
    expect(section(run, 'token')).toMatch(/^SKIP .*needs a valid configuration/);
    expect(run.code).toBe(2);
  });
});

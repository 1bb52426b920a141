import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.ts';
import { demoConfig } from './demo-config.ts';
import { configFileLocation, loadConfig } from './load-config.ts';
import { readSecret } from './read-secret.ts';

const tenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
const clientId = '0b7e9d1a-2c3f-4e5a-8b6c-7d8e9f0a1b2c';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tts-config-'));
  for (const file of ['cert.pfx', 'cert.password', 'c.pem', 'k.pem', 'secret', 'emulator-ca.pem', 'timetable.json']) {
    writeFileSync(join(dir, file), file === 'secret' ? 's3cr3t\n' : 'x');
  }
});

function write(yaml: string): string {
  const file = join(dir, 'timetable-sync.yaml');
  writeFileSync(file, yaml);
  return file;
}

const issueExample = `
database:
  url: postgres://127.0.0.1:5432/test
microsoft:
  tenantId: ${tenantId}
  clientId: ${clientId}
  cloud: global
  authorityHost: https://127.0.0.1:8443
  graphEndpoint: https://127.0.0.1:8443/
  caFile: ./emulator-ca.pem
  auth: application
  certificate: {pfx: ./cert.pfx, passwordFile: ./cert.password}
source:
  type: json
  path: ./timetable.json
sync:
  pastDays: 14
  futureDays: 180
  onUserDelete: respect
  maxDeleteShare: 0.5
`;

const minimal = (microsoftExtra = '', rest = '') => `
microsoft:
  tenantId: uni.onmicrosoft.com
  clientId: ${clientId}
  clientSecretFile: secret
${microsoftExtra}
source: {type: json, path: timetable.json}
${rest}`;

function problemsOf(yaml: string, env: Record<string, string> = {}): string[] {
  try {
    loadConfig({ path: write(yaml), env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it("reads the issue's example into a resolved, frozen configuration", () => {
    const config = loadConfig({ path: write(issueExample), env: {} });
    expect(config.file).toBe(join(dir, 'timetable-sync.yaml'));
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://127.0.0.1:5432/test' });
    expect(config.microsoft).toEqual({
      tenantId,
      clientId,
      cloud: 'global',
      authorityHost: 'https://127.0.0.1:8443',
      graphEndpoint: 'https://127.0.0.1:8443',
      caFile: join(dir, 'emulator-ca.pem'),
      auth: 'application',
      credential: {
        kind: 'pfx',
        pfx: join(dir, 'cert.pfx'),
        password: { kind: 'file', path: join(dir, 'cert.password') },
      },
      redirectUri: null,
    });
    expect(config.source).toEqual({ type: 'json', path: join(dir, 'timetable.json') });
    expect(config.sync).toMatchObject({
      pastDays: 14,
      futureDays: 180,
      onUserDelete: 'respect',
      maxDeleteShare: 0.5,
      batchSize: 20,
    });
    expect(Object.isFrozen(config.microsoft.credential)).toBe(true);
    expect(() => {
      (config.sync as { pastDays: number }).pastDays = 1;
    }).toThrow(TypeError);
  });

  it('fills defaults: embedded PGlite in ./data next to the file, the global cloud, the sync policy', () => {
    const config = loadConfig({ path: write(minimal()), env: {} });
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'data') });
    expect(config.microsoft).toMatchObject({
      cloud: 'global',
      authorityHost: 'https://login.microsoftonline.com',
      graphEndpoint: 'https://graph.microsoft.com',
      auth: 'application',
      credential: { kind: 'secret', secret: { kind: 'file', path: join(dir, 'secret') } },
    });
    expect(config.sync).toEqual({
      pastDays: 14,
      futureDays: 180,
      onUserDelete: 'respect',
      maxDeleteShare: 0.5,
      batchSize: 20,
      maxConcurrentMailboxes: 32,
      maxAttempts: 6,
      reconcileIntervalHours: 24,
    });
    expect(config.mapping).toEqual({ reminderMinutes: 15 });
  });

  it('turns a national cloud into its endpoints', () => {
    const config = loadConfig({ path: write(minimal('  cloud: usgov-dod')), env: {} });
    expect(config.microsoft.authorityHost).toBe('https://login.microsoftonline.us');
    expect(config.microsoft.graphEndpoint).toBe('https://dod-graph.microsoft.us');
  });

  it('takes PEM certificates and secrets from environment variables', () => {
    const yaml = minimal('').replace(
      '  clientSecretFile: secret',
      '  certificate: {cert: c.pem, key: k.pem, passwordEnv: TTS_KEY_PASSWORD}',
    );
    const config = loadConfig({ path: write(yaml), env: { TTS_KEY_PASSWORD: 'pw' } });
    expect(config.microsoft.credential).toEqual({
      kind: 'pem',
      cert: join(dir, 'c.pem'),
      key: join(dir, 'k.pem'),
      password: { kind: 'env', name: 'TTS_KEY_PASSWORD' },
    });
  });

  it('lets DATABASE_URL override the database section', () => {
    const config = loadConfig({
      path: write(minimal('', 'database: {dataDir: ./db}')),
      env: { DATABASE_URL: 'postgresql://db.uni.example/tts' },
    });
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgresql://db.uni.example/tts' });
  });

  it('finds the file from --config, then TIMETABLE_SYNC_CONFIG, then the working folder', () => {
    expect(configFileLocation({ path: 'a.yaml', env: { TIMETABLE_SYNC_CONFIG: '/etc/b.yaml' }, cwd: '/srv' })).toEqual({
      path: '/srv/a.yaml',
      explicit: true,
    });
    expect(configFileLocation({ env: { TIMETABLE_SYNC_CONFIG: '/etc/b.yaml' }, cwd: '/srv' })).toEqual({
      path: '/etc/b.yaml',
      explicit: true,
    });
    expect(configFileLocation({ env: {}, cwd: '/srv' })).toEqual({ path: '/srv/timetable-sync.yaml', explicit: false });
    write(minimal());
    expect(loadConfig({ env: {}, cwd: dir }).file).toBe(join(dir, 'timetable-sync.yaml'));
  });

  it('says where it looked when there is no file', () => {
    expect(() => loadConfig({ env: {}, cwd: join(dir, 'nowhere') })).toThrow(
      /no configuration file at .*nowhere\/timetable-sync\.yaml/,
    );
  });
});

describe('invalid configurations', () => {
  it('lists every problem with its key path and the value given', () => {
    const yaml = issueExample
      .replace(`tenantId: ${tenantId}`, 'tenantId: not a tenant')
      .replace('cloud: global', 'cloud: moon')
      .replace('maxDeleteShare: 0.5', 'maxDeleteShare: 1.5')
      .replace('pastDays: 14', 'pastDays: -1')
      .replace('authorityHost: https://127.0.0.1:8443', 'authorityHost: http://127.0.0.1:8443');
    expect(problemsOf(yaml)).toEqual([
      'microsoft.tenantId: must be a GUID or a domain name like uni.onmicrosoft.com (got "not a tenant")',
      'microsoft.cloud: must be one of global, usgov, usgov-dod, china (got "moon")',
      'microsoft.authorityHost: must be an https:// URL without query or fragment (got "http://127.0.0.1:8443")',
      'sync.pastDays: must not be negative (got -1)',
      'sync.maxDeleteShare: must be at most 1 (got 1.5)',
    ]);
  });

  it('rejects unknown keys, suggesting the key that was meant', () => {
    expect(problemsOf(minimal('', 'sync: {futureDay: 30, maxDeleteShare: 0}'))).toEqual([
      'sync.maxDeleteShare: must be more than 0 (got 0)',
      'sync.futureDay: unknown key (did you mean futureDays?)',
    ]);
    expect(problemsOf(minimal('', 'colour: blue'))).toEqual(['colour: unknown key']);
  });

  it('refuses inline secrets and points to the file and environment forms', () => {
    const yaml = minimal('  clientSecret: hunter2').replace('  clientSecretFile: secret\n', '');
    expect(problemsOf(yaml)).toEqual([
      'microsoft.clientSecret: unknown key: secrets are never written in the configuration; use clientSecretFile or clientSecretEnv',
      'microsoft: needs a credential: certificate, clientSecretFile or clientSecretEnv',
    ]);
    expect(problemsOf(yaml).join()).not.toContain('hunter2');
  });

  it('wants exactly one credential and a complete certificate', () => {
    expect(problemsOf(minimal('  certificate: {cert: c.pem}'))).toEqual([
      'microsoft.certificate.key: is required with cert',
      'microsoft.clientSecretFile: give one credential, not certificate and clientSecretFile',
    ]);
    const both = minimal('').replace(
      '  clientSecretFile: secret',
      '  certificate: {pfx: cert.pfx, cert: c.pem, key: k.pem}',
    );
    expect(problemsOf(both)).toEqual(['microsoft.certificate.pfx: use either pfx, or cert and key, not both']);
  });

  it('checks that referenced files can be read and environment variables are set', () => {
    const yaml = issueExample.replace('./cert.pfx', './missing.pfx').replace('./timetable.json', './nowhere.json');
    expect(problemsOf(yaml)).toEqual([
      `microsoft.certificate.pfx: file not found (got "./missing.pfx" → ${join(dir, 'missing.pfx')})`,
      `source.path: file not found (got "./nowhere.json" → ${join(dir, 'nowhere.json')})`,
    ]);
    const fromEnv = minimal('').replace('clientSecretFile: secret', 'clientSecretEnv: TTS_SECRET');
    expect(problemsOf(fromEnv)).toEqual(['microsoft.clientSecretEnv: environment variable TTS_SECRET is not set']);
  });

  it.skipIf(process.getuid?.() === 0)('reports a file this user may not read', () => {
    chmodSync(join(dir, 'secret'), 0o000);
    expect(problemsOf(minimal())[0]).toMatch(/^microsoft.clientSecretFile: file is not readable by this user/);
  });

  it('names the line of a YAML syntax error, and rejects duplicate keys and empty files', () => {
    expect(problemsOf('microsoft:\n  tenantId: [unclosed\n')[0]).toMatch(/^: not valid YAML: line \d+, column \d+/);
    expect(problemsOf(`${minimal()}\nsource: {type: json, path: x}`)[0]).toMatch(
      /not valid YAML.*[Mm]ap keys must be unique/,
    );
    expect(problemsOf('')).toEqual([': the file is empty']);
  });

  it('names an unknown source type and lists the known ones', () => {
    expect(problemsOf(minimal().replace('type: json', 'type: xml'))).toEqual([
      'source.type: must be one of json, ics, mytimetable, push (got "xml")',
    ]);
  });

  it('requires a redirect URI for delegated auth', () => {
    expect(problemsOf(minimal('  auth: delegated'))).toEqual([
      'microsoft.redirectUri: is required with auth: delegated',
    ]);
  });

  it('names the file in the message', () => {
    expect(() => loadConfig({ path: write(minimal('  cloud: moon')), env: {} })).toThrow(
      `invalid configuration in ${join(dir, 'timetable-sync.yaml')}:\n  - microsoft.cloud: must be one of global, usgov, usgov-dod, china (got "moon")`,
    );
  });
});

describe('demoConfig', () => {
  it('points sign-in and Graph at the emulator, with embedded PGlite', () => {
    const config = demoConfig({
      emulatorUrl: 'https://127.0.0.1:8443/',
      caFile: join(dir, 'emulator-ca.pem'),
      tenantId,
      clientId,
      certificate: { cert: join(dir, 'c.pem'), key: join(dir, 'k.pem') },
      timetablePath: join(dir, 'timetable.json'),
      dataDir: join(dir, 'data'),
      sync: { futureDays: 120 },
    });
    expect(config.file).toBeNull();
    expect(config.database).toEqual({ kind: 'pglite', dataDir: join(dir, 'data') });
    expect(config.microsoft).toMatchObject({
      authorityHost: 'https://127.0.0.1:8443',
      graphEndpoint: 'https://127.0.0.1:8443',
    });
    expect(config.sync.futureDays).toBe(120);
  });
});

describe('readSecret', () => {
  it('reads the first line of a secret file, or an environment variable', async () => {
    await expect(readSecret({ kind: 'file', path: join(dir, 'secret') })).resolves.toBe('s3cr3t');
    await expect(readSecret({ kind: 'env', name: 'X' }, { X: 'from-env' })).resolves.toBe('from-env');
    await expect(readSecret({ kind: 'env', name: 'X' }, {})).rejects.toThrow(/X: environment variable is not set/);
  });
});

// The benchmark's tenant: an app registration with a certificate (what the engine signs in with) and a secret
// (for the bound's plain client), one mailbox per timetable person, Outlook's real limits, optional latency;
// and the engine's configuration file pointing at a running emulator.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deterministicGuid } from '../emulator/directory.ts';
import { createSelfSignedCertificate } from '../src/certificates/create-certificate.ts';
import { benchDomain, personMailbox } from './bench-timetable.ts';

export const tenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
export const clientId = '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
export const clientSecret = 'bench-secret';

export interface BenchCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

export async function benchCertificate(): Promise<BenchCertificate> {
  const certificate = await createSelfSignedCertificate({ subject: 'CN=timetable-sync bench', keyBits: 2048 });
  return {
    certPem: certificate.facts.pem,
    keyPem: certificate.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}

export function benchSeed(
  mailboxes: number,
  certificate: BenchCertificate,
  latencyMs: { min: number; max: number },
): unknown {
  return {
    tenants: [
      {
        id: tenantId,
        domain: benchDomain,
        users: Array.from({ length: mailboxes }, (_, n) => ({
          id: deterministicGuid(`bench-person-${n}`),
          userPrincipalName: personMailbox(n),
        })),
        applications: [
          {
            clientId,
            displayName: 'timetable-sync bench',
            certificates: [certificate.certPem],
            secrets: [clientSecret],
            applicationPermissions: ['Calendars.ReadWrite'],
          },
        ],
      },
    ],
    // Outlook's limits as they are (4 concurrent requests and 10,000 per 10 minutes per mailbox, 130,000 per 10
    // seconds per app); only the latency varies.
    limits: { latencyMs },
  };
}

export interface EngineConfigOptions {
  readonly directory: string;
  readonly emulatorUrl: string;
  readonly caPath: string;
  readonly certificate: BenchCertificate;
  readonly database: { readonly dataDir: string } | { readonly url: string };
  readonly timetablePath: string;
  readonly sync: Readonly<Record<string, unknown>>;
}

/** Writes `timetable-sync.yaml` (JSON is YAML) and the certificate files into `directory`; returns its path. */
export function writeEngineConfig(options: EngineConfigOptions): string {
  mkdirSync(options.directory, { recursive: true });
  writeFileSync(join(options.directory, 'cert.pem'), options.certificate.certPem);
  writeFileSync(join(options.directory, 'key.pem'), options.certificate.keyPem, { mode: 0o600 });
  const path = join(options.directory, 'timetable-sync.yaml');
  writeFileSync(
    path,
    JSON.stringify({
      database: options.database,
      microsoft: {
        tenantId,
        clientId,
        authorityHost: options.emulatorUrl,
        graphEndpoint: options.emulatorUrl,
        caFile: options.caPath,
        auth: 'application',
        certificate: { cert: 'cert.pem', key: 'key.pem' },
      },
      source: { type: 'json', path: options.timetablePath },
      sync: { pastDays: 14, futureDays: 180, ...options.sync },
    }),
  );
  return path;
}

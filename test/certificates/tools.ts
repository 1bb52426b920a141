// What the certificate tests drive: the openssl binary (as an admin would check our files) and the CLI itself.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCert } from '../../src/cli/commands/cert.ts';

const repository = fileURLToPath(new URL('../..', import.meta.url));

export const hasOpenssl = spawnSync('openssl', ['version']).status === 0;
if (!hasOpenssl) console.warn('NOTICE: openssl is not on the PATH: the OpenSSL interoperability tests are SKIPPED');

/** Runs openssl; throws with its stderr when it fails. */
export function openssl(args: readonly string[]): string {
  return execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs openssl and returns stdout and stderr together (`pkcs12 -info` writes its report to stderr). */
export function opensslReport(args: readonly string[]): string {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl ${args.join(' ')} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

export function opensslFingerprint(derFile: string, algorithm: 'sha1' | 'sha256'): string {
  const line = openssl(['x509', '-inform', 'DER', '-in', derFile, '-noout', '-fingerprint', `-${algorithm}`]);
  return (line.split('=')[1] as string).trim().replace(/:/g, '');
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `timetable-sync …` in a child process, exactly as a user runs it. */
export function timetableSync(args: readonly string[]): CliResult {
  const result = spawnSync(process.execPath, [join(repository, 'bin/timetable-sync.js'), ...args], {
    cwd: repository,
    encoding: 'utf8',
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `timetable-sync cert …` in this process, output captured (faster for the many inspect cases). */
export async function cert(args: readonly string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const status = await runCert(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
  return { status, stdout: out.join('\n'), stderr: err.join('\n') };
}

export function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'tts-cert-'));
}

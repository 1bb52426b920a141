// Check 2: the credential the app signs in with. A certificate must open with its password, its key must match it,
// and it must be valid today (a warning 30 days before it ends); a client secret must be readable. Also reused by
// the web service's dashboard for the certificate's expiry.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { AppCredential } from '../auth/app-token-provider.ts';
import { CertificateError, type CertificateErrorCode } from '../certificates/certificate-error.ts';
import { type CertificateFinding, checkCertificate } from '../certificates/check-certificate.ts';
import { isoSeconds } from '../certificates/iso-seconds.ts';
import {
  type ClientCertificate,
  loadClientCertificate,
  toMsalClientCertificate,
} from '../certificates/load-client-certificate.ts';
import { type ClientCredential, ConfigError, type Environment, readSecret, type SecretRef } from '../config/index.ts';
import type { SignInCertificate } from './advice.ts';
import { type CheckResult, failed, passed, warned } from './check-result.ts';

/** The certificate's state as a dashboard shows it. */
export interface CertificateStatus extends SignInCertificate {
  readonly notBefore: Date;
  /** Whole days until notAfter (negative once expired). */
  readonly daysLeft: number;
  readonly findings: readonly CertificateFinding[];
}

export interface CredentialCheck {
  readonly result: CheckResult;
  /** What msal signs in with; undefined when the credential cannot be used at all. */
  readonly credential: AppCredential | undefined;
  readonly certificate: CertificateStatus | undefined;
  /** Where a client secret comes from, for advice (`file /etc/…`). */
  readonly secretSource: string | undefined;
}

const dayMs = 24 * 3600 * 1000;

export async function checkCredential(
  credential: ClientCredential,
  options: { readonly now?: Date; readonly env?: Environment } = {},
): Promise<CredentialCheck> {
  const now = options.now ?? new Date();
  if (credential.kind === 'secret') {
    const source = describeSecret(credential.secret);
    try {
      const secret = await readSecret(credential.secret, options.env);
      return {
        result: passed(
          'credential',
          'client secret',
          `read from ${source}; Microsoft Entra alone knows when it expires (Certificates & secrets > Client secrets shows it)`,
        ),
        credential: { clientSecret: secret },
        certificate: undefined,
        secretSource: source,
      };
    } catch (error) {
      return unusable('client secret', error, 'put the secret on the first line of that file, or set the variable');
    }
  }
  const file = credential.kind === 'pfx' ? credential.pfx : credential.cert;
  let password: string | undefined;
  try {
    password = credential.password ? await readSecret(credential.password, options.env) : undefined;
  } catch (error) {
    return unusable(
      'certificate',
      error,
      'put the certificate password on the first line of that file, or set the variable',
    );
  }
  let loaded: ClientCertificate;
  try {
    loaded = loadClientCertificate(
      credential.kind === 'pfx'
        ? { pfxPath: credential.pfx, ...(password === undefined ? {} : { password }) }
        : { certPath: credential.cert, keyPath: credential.key, ...(password === undefined ? {} : { password }) },
    );
  } catch (error) {
    if (!(error instanceof CertificateError)) throw error;
    return {
      result: failed('credential', 'certificate', error.message, {
        code: error.code,
        fix: certificateFix(error.code, file, credential.password),
      }),
      credential: undefined,
      certificate: undefined,
      secretSource: undefined,
    };
  }
  const findings = checkCertificate(loaded.facts, now);
  const status: CertificateStatus = {
    subject: loaded.subject,
    sha1Hex: loaded.thumbprintSha1Hex,
    sha256Hex: loaded.thumbprintSha256Hex,
    notBefore: loaded.notBefore,
    notAfter: loaded.notAfter,
    daysLeft: Math.floor((loaded.notAfter.getTime() - now.getTime()) / dayMs),
    findings,
    file,
    upload: uploadHint(file, credential.kind === 'pfx', credential.password),
    inspect: inspectCommand(credential),
    pemFile: pemFile(credential),
  };
  const result = certificateResult(status, credential.password !== null);
  return {
    result,
    credential: { certificate: toMsalClientCertificate(loaded) },
    certificate: status,
    secretSource: undefined,
  };
}

/** The worst finding decides: an error fails (sign-in will), a warning warns (it works today). */
function certificateResult(status: CertificateStatus, hasPassword: boolean): CheckResult {
  const facts = `"${status.subject}", SHA-1 thumbprint ${status.sha1Hex}, valid until ${isoSeconds(status.notAfter)}`;
  const [worst, ...others] = [...status.findings].sort((a, b) =>
    a.level === b.level ? 0 : a.level === 'error' ? -1 : 1,
  );
  if (worst === undefined) {
    const opened = hasPassword ? 'the password opens it and ' : '';
    return passed('credential', 'certificate', `${facts} (${status.daysLeft} days left); ${opened}the key matches`);
  }
  const fix =
    worst.code === 'CERT_NOT_YET_VALID'
      ? "check this machine's clock (the clock check compares it with Entra's), or wait until the certificate starts"
      : worst.level === 'warning'
        ? 'rotate it now, while the old one still works: docs/certificates.md, "Rotate without downtime"'
        : 'create a new certificate with timetable-sync cert create, register it on the app registration, then point microsoft.certificate at it (docs/certificates.md, "Rotate without downtime")';
  const fields = { code: worst.code, fix, details: [facts, ...others.map((f) => f.message)] };
  return worst.level === 'error'
    ? failed('credential', 'certificate', worst.message, fields)
    : warned('credential', 'certificate', worst.message, fields);
}

function unusable(title: string, error: unknown, fix: string): CredentialCheck {
  if (!(error instanceof ConfigError)) throw error;
  const problem = error.problems.map((p) => `${p.path}: ${p.message}`).join('; ');
  return {
    result: failed(
      'credential',
      title,
      `cannot read the ${title === 'certificate' ? 'certificate password' : title}: ${problem}`,
      {
        code: error.code,
        fix,
      },
    ),
    credential: undefined,
    certificate: undefined,
    secretSource: undefined,
  };
}

function describeSecret(ref: SecretRef): string {
  return ref.kind === 'file' ? `file ${ref.path}` : `environment variable ${ref.name}`;
}

function certificateFix(code: CertificateErrorCode, file: string, password: SecretRef | null): string {
  const passwordOption = password?.kind === 'file' ? ` --password-file ${password.path}` : '';
  switch (code) {
    case 'CERT_WRONG_PASSWORD':
      return `the password in ${password ? describeSecret(password) : 'the configuration'} does not belong to ${file}: use the password file made together with it (cert create writes <name>.password); \`timetable-sync cert inspect ${file} --password-file FILE\` tells whether a password opens it`;
    case 'CERT_PASSWORD_REQUIRED':
      return 'add passwordFile (or passwordEnv) to microsoft.certificate';
    case 'CERT_FILE_UNREADABLE':
      return 'check the path in microsoft.certificate, and that the account running timetable-sync may read it';
    case 'CERT_KEY_MISMATCH':
      return `configure the key created together with the certificate (\`timetable-sync cert inspect ${file}${passwordOption}\` shows the key check)`;
    default:
      return `see docs/certificates.md, "When a file cannot be read" (${code}); \`timetable-sync cert inspect ${file}${passwordOption}\` shows the details`;
  }
}

/** The command line that shows everything about the configured certificate. */
function inspectCommand(credential: Exclude<ClientCredential, { kind: 'secret' }>): string {
  const password = credential.password?.kind === 'file' ? ` --password-file ${credential.password.path}` : '';
  if (credential.kind === 'pfx') return `timetable-sync cert inspect ${credential.pfx}${password}`;
  return `timetable-sync cert inspect ${credential.cert} --key ${credential.key}${password}`;
}

/** The PEM certificate next to (or as) the configured file, for an emulator seed. */
function pemFile(credential: Exclude<ClientCredential, { kind: 'secret' }>): string | undefined {
  if (credential.kind === 'pem') return credential.cert;
  const pem = join(dirname(credential.pfx), `${basename(credential.pfx, extname(credential.pfx))}.pem`);
  return existsSync(pem) ? pem : undefined;
}

/** The file an admin uploads to Entra: a `.cer` next to the configured file, else how to write one. */
function uploadHint(file: string, isPfx: boolean, password: SecretRef | null): string {
  const cer = join(dirname(file), `${basename(file, extname(file))}.cer`);
  if (existsSync(cer)) return cer;
  if (!isPfx) return file;
  const passwordOption = password?.kind === 'file' ? ` --password-file ${password.path}` : '';
  return `the certificate of ${file} (write it with \`timetable-sync cert inspect ${file}${passwordOption} --cer-out ${cer}\`)`;
}

// `timetable-sync cert create|inspect`: make the certificate the app signs in with, or check one an admin has,
// and say how to register it on the app registration. Exit codes: 0 ok, 1 a problem with the certificate, 2 usage.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CertificateError } from '../../certificates/certificate-error.ts';
import type { CertificateFacts } from '../../certificates/certificate-facts.ts';
import {
  certificateJson,
  formatCertificateFacts,
  formatFindings,
  formatKeyStatus,
  formatRegistration,
  type KeyStatus,
} from '../../certificates/certificate-report.ts';
import { type CertificateFinding, checkCertificate } from '../../certificates/check-certificate.ts';
import {
  allowedKeyBits,
  createSelfSignedCertificate,
  defaultKeyBits,
  parseSubject,
} from '../../certificates/create-certificate.ts';
import { keyCredentials } from '../../certificates/key-credential.ts';
import { generatePassword, readPasswordFile } from '../../certificates/password-file.ts';
import { isPortablePfxPassword } from '../../certificates/pkcs12-write.ts';
import { keyMatchesCertificate, readPrivateKey } from '../../certificates/private-key.ts';
import { readCertificateFile, readFileBytes } from '../../certificates/read-certificate-file.ts';
import {
  ensureCertificateFilesFree,
  writeCertificateCopy,
  writeCertificateFiles,
} from '../../certificates/write-certificate-files.ts';

export interface Output {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const usage = `usage: timetable-sync cert create --subject "CN=University timetable-sync" [--years 2] [--out DIR]
                                [--name timetable-sync] [--password-file FILE] [--key-size ${defaultKeyBits}] [--force] [--json]
       timetable-sync cert inspect FILE [--password-file FILE] [--key KEYFILE] [--cer-out FILE.cer] [--json]`;

class UsageError extends Error {}

export const run = (args: string[]): Promise<number> =>
  runCert(args, { out: (text) => console.log(text), err: (text) => console.error(text) });

export async function runCert(args: readonly string[], output: Output): Promise<number> {
  const [subcommand, ...rest] = args;
  try {
    if (subcommand === 'create') return await create(rest, output);
    if (subcommand === 'inspect') return inspect(rest, output);
    if (subcommand === '--help' || subcommand === 'help') return help(output);
    if (subcommand === undefined) throw new UsageError('say what to do: create or inspect');
    throw new UsageError(`unknown cert command '${subcommand}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(`${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof CertificateError) {
      output.err(`error ${error.code}: ${error.message}`);
      return error.code === 'CERT_FILE_EXISTS' ? 2 : 1;
    }
    throw error;
  }
}

async function create(args: readonly string[], output: Output): Promise<number> {
  const { values, positionals } = guard(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        help: { type: 'boolean' },
        subject: { type: 'string' },
        years: { type: 'string', default: '2' },
        out: { type: 'string', default: '.' },
        name: { type: 'string', default: 'timetable-sync' },
        'password-file': { type: 'string' },
        'key-size': { type: 'string', default: String(defaultKeyBits) },
        force: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }),
  );
  if (values.help) return help(output);
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  if (typeof values.subject !== 'string')
    throw new UsageError('--subject is required, e.g. --subject "CN=University timetable-sync"');
  const subject = guard(() => parseSubject(values.subject as string));
  const years = Number(values.years);
  if (!Number.isInteger(years) || years < 1 || years > 10)
    throw new UsageError(`--years must be a whole number from 1 to 10, not ${values.years}`);
  const keyBits = Number(values['key-size']);
  if (!allowedKeyBits.includes(keyBits)) throw new UsageError(`--key-size must be one of ${allowedKeyBits.join(', ')}`);
  const name = String(values.name);
  if (!/^[\w.-]+$/.test(name))
    throw new UsageError('--name must be a file name without folders (letters, digits, . _ -)');
  const passwordFile = values['password-file'];
  const password = typeof passwordFile === 'string' ? guard(() => readPasswordFile(passwordFile)) : generatePassword();
  if (!isPortablePfxPassword(password)) {
    throw new UsageError(
      `the password in ${passwordFile} must be printable ASCII: Windows and OpenSSL disagree on other characters in .pfx files`,
    );
  }
  const writeOptions = {
    directory: String(values.out),
    baseName: name,
    password,
    writePasswordFile: typeof passwordFile !== 'string',
    force: Boolean(values.force),
  };
  ensureCertificateFilesFree(writeOptions);
  const certificate = await createSelfSignedCertificate({ subject, years, keyBits });
  const files = writeCertificateFiles(certificate, writeOptions);
  const facts = certificate.facts;
  const findings = checkCertificate(facts);
  const credentials = keyCredentials(facts);
  if (values.json) {
    output.out(
      JSON.stringify(
        { ...certificateJson(facts), privateKey: 'matches', findings, keyCredentials: credentials, files },
        null,
        2,
      ),
    );
    return 0;
  }
  const passwordPath = files.password ?? resolve(String(passwordFile));
  output.out(
    [
      `Created a self-signed certificate (RSA ${keyBits} bits, SHA-256 signature), valid for ${years} year${years === 1 ? '' : 's'}.`,
      '',
      formatCertificateFacts(facts),
      '',
      'Files:',
      `  ${files.cer}  the certificate (DER): upload this one`,
      `  ${files.pem}  the certificate (PEM)`,
      `  ${files.key}  the private key, encrypted with the password (PKCS#8, AES-256), mode 0600`,
      `  ${files.pfx}  certificate and private key (PKCS#12, AES-256 and SHA-256 MAC), mode 0600`,
      ...(files.password
        ? [`  ${files.password}  the generated password, mode 0600: keep it with the .pfx, never in git`]
        : []),
      '',
      formatRegistration(files.cer, credentials),
      '',
      'Then point timetable-sync at it (microsoft: in the configuration file):',
      `  certificate: {pfx: ${files.pfx}, passwordFile: ${passwordPath}}`,
    ].join('\n'),
  );
  return 0;
}

function inspect(args: readonly string[], output: Output): number {
  const { values, positionals } = guard(() =>
    parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        help: { type: 'boolean' },
        'password-file': { type: 'string' },
        key: { type: 'string' },
        'cer-out': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    }),
  );
  if (values.help) return help(output);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0) throw new UsageError('give exactly one certificate file to inspect');
  const passwordFile = values['password-file'];
  const password = typeof passwordFile === 'string' ? guard(() => readPasswordFile(passwordFile)) : undefined;
  const contents = readCertificateFile(file, password);
  const [leaf, ...chain] = contents.certificates as [CertificateFacts, ...CertificateFacts[]];
  const keyFile = values.key;
  const key =
    typeof keyFile === 'string'
      ? readPrivateKey(readFileBytes(keyFile, 'private key file'), password, keyFile)
      : contents.privateKey;
  const keyStatus: KeyStatus = key ? (keyMatchesCertificate(key, leaf.publicKey) ? 'matches' : 'mismatch') : 'absent';
  const findings: CertificateFinding[] = checkCertificate(leaf);
  const cerOut = values['cer-out'];
  if (typeof cerOut === 'string') writeCertificateCopy(cerOut, leaf.der);
  const credentials = keyCredentials(leaf);
  const failed = keyStatus === 'mismatch' || findings.some((f) => f.level === 'error');
  if (values.json) {
    const json = {
      file: resolve(file),
      format: contents.format,
      ...certificateJson(leaf),
      chain: chain.map(certificateJson),
      privateKey: keyStatus,
      findings,
      keyCredentials: credentials,
    };
    output.out(JSON.stringify(json, null, 2));
    return failed ? 1 : 0;
  }
  const upload =
    typeof cerOut === 'string'
      ? resolve(cerOut)
      : contents.format === 'pkcs12'
        ? 'the certificate, not the .pfx (write it with --cer-out FILE.cer)'
        : resolve(file);
  output.out(
    [
      `${resolve(file)} (${contents.format === 'pkcs12' ? 'PKCS#12' : contents.format.toUpperCase()})`,
      '',
      formatCertificateFacts(leaf),
      ...chain.map((c) => `chain               ${c.subject} (issued by ${c.issuer})`),
      formatKeyStatus(
        keyStatus,
        contents.format === 'pkcs12' ? 'the file holds no private key' : 'give the key file with --key KEYFILE',
      ),
      formatFindings(findings),
      '',
      formatRegistration(upload, credentials),
    ].join('\n'),
  );
  return failed ? 1 : 0;
}

function help(output: Output): number {
  output.out(usage);
  return 0;
}

function guard<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof TypeError || error instanceof CertificateError) throw new UsageError(error.message);
    throw error;
  }
}

// Saves a new certificate as the files an admin needs: `.cer` (DER, to upload), `.pem`, `.key` (encrypted PKCS#8),
// `.pfx` and, when the password was generated, `.password`. Secrets get mode 0600; nothing is overwritten unless
// asked, and nothing is written at all when any of the files already exists.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CertificateError } from './certificate-error.ts';
import type { NewCertificate } from './create-certificate.ts';
import { writePkcs12 } from './pkcs12-write.ts';

export interface CertificateFilePaths {
  readonly cer: string;
  readonly pem: string;
  readonly key: string;
  readonly pfx: string;
  /** Only when the password was generated. */
  readonly password?: string;
}

export interface WriteOptions {
  readonly directory: string;
  /** File names without extension, e.g. `timetable-sync` -> timetable-sync.cer, .pem, .key, .pfx. */
  readonly baseName: string;
  readonly password: string;
  /** Write `<baseName>.password` holding the password (when it was generated). */
  readonly writePasswordFile: boolean;
  readonly force: boolean;
}

export function certificateFilePaths(options: WriteOptions): CertificateFilePaths {
  const path = (extension: string) => resolve(join(options.directory, `${options.baseName}.${extension}`));
  return {
    cer: path('cer'),
    pem: path('pem'),
    key: path('key'),
    pfx: path('pfx'),
    ...(options.writePasswordFile ? { password: path('password') } : {}),
  };
}

/** Throws CERT_FILE_EXISTS unless `force` or none of the files exists; call it before the slow key generation. */
export function ensureCertificateFilesFree(options: WriteOptions): void {
  const existing = Object.values(certificateFilePaths(options)).filter((file) => existsSync(file));
  if (existing.length > 0 && !options.force) {
    throw new CertificateError(
      'CERT_FILE_EXISTS',
      existing[0] as string,
      `Not overwriting ${existing.join(', ')}: choose another --name or --out, or add --force to replace ` +
        '(an app registration may still use the old certificate: replacing it then breaks sign-in).',
    );
  }
}

export function writeCertificateFiles(certificate: NewCertificate, options: WriteOptions): CertificateFilePaths {
  ensureCertificateFilesFree(options);
  const paths = certificateFilePaths(options);
  const facts = certificate.facts;
  const { password } = options;
  const key = certificate.privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    cipher: 'aes-256-cbc',
    passphrase: password,
  });
  const pfx = writePkcs12({
    certificateDer: facts.der,
    privateKey: certificate.privateKey,
    password,
    friendlyName: facts.subject,
  });
  const files: { file: string; contents: string | Buffer; mode: number }[] = [
    { file: paths.cer, contents: facts.der, mode: 0o644 },
    { file: paths.pem, contents: facts.pem, mode: 0o644 },
    { file: paths.key, contents: key, mode: 0o600 },
    { file: paths.pfx, contents: pfx, mode: 0o600 },
  ];
  if (paths.password) files.push({ file: paths.password, contents: `${password}\n`, mode: 0o600 });
  writing(options.directory, () => mkdirSync(options.directory, { recursive: true }));
  for (const { file, contents, mode } of files) {
    writing(file, () => {
      // Replacing means removing first: writing into the old file would keep its (maybe wider) permissions.
      if (options.force) rmSync(file, { force: true });
      writeFileSync(file, contents, { mode, flag: 'wx' });
    });
  }
  return paths;
}

/** Writes a copy of a certificate (public, so no special mode), never over an existing file. */
export function writeCertificateCopy(file: string, der: Uint8Array): void {
  writing(file, () => writeFileSync(file, der, { flag: 'wx' }));
}

function writing(file: string, write: () => void): void {
  try {
    write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new CertificateError('CERT_FILE_EXISTS', file, `Not overwriting ${file}: choose another file name.`, {
        cause: error,
      });
    }
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new CertificateError(
      'CERT_FILE_UNWRITABLE',
      file,
      `Cannot write ${file} (${reason}): choose another folder, or run as a user that may write there.`,
      { cause: error },
    );
  }
}

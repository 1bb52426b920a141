// The one error type for certificate and key files: a stable code for programs (the doctor maps codes to steps)
// and a message that names the file and says what to do, for the admin reading the terminal.

export type CertificateErrorCode =
  | 'CERT_FILE_UNREADABLE'
  | 'CERT_NOT_A_CERTIFICATE'
  | 'CERT_CORRUPT'
  | 'CERT_PASSWORD_REQUIRED'
  | 'CERT_WRONG_PASSWORD'
  | 'CERT_UNSUPPORTED'
  | 'CERT_NO_PRIVATE_KEY'
  | 'CERT_NOT_A_KEY'
  | 'CERT_KEY_MISMATCH'
  | 'CERT_FILE_EXISTS'
  | 'CERT_FILE_UNWRITABLE'
  | 'CERT_BAD_PASSWORD_FILE';

export class CertificateError extends Error {
  override readonly name = 'CertificateError';
  readonly code: CertificateErrorCode;
  /** The file the problem is in (absolute or as given by the user). */
  readonly file: string;

  constructor(code: CertificateErrorCode, file: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.file = file;
  }
}

/** Turns a failed read of `file` (missing, a folder, no permission) into a CertificateError. */
export function unreadableFile(file: string, what: string, error: unknown): CertificateError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === 'ENOENT'
      ? 'does not exist'
      : code === 'EACCES' || code === 'EPERM'
        ? 'cannot be read (permission denied): run as a user that may read it'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : `cannot be read (${(error as Error).message})`;
  return new CertificateError('CERT_FILE_UNREADABLE', file, `The ${what} ${file} ${reason}.`, { cause: error });
}

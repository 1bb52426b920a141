// Reads a secret when it is needed, from the file or environment variable the configuration points at. The value
// is never logged or put in an error message; only where it was looked for is.
import { readFile } from 'node:fs/promises';
import { env as processEnv } from 'node:process';
import type { SecretRef } from './config.ts';
import { ConfigError } from './config-error.ts';
import type { Environment } from './resolve-config.ts';

/** A file's first line, without the line ending an editor or `echo` adds (as certificates/password-file.ts reads). */
export async function readSecret(ref: SecretRef, env: Environment = processEnv): Promise<string> {
  if (ref.kind === 'env') {
    const value = env[ref.name];
    if (value === undefined || value === '') {
      throw new ConfigError('CONFIG_INVALID', null, [{ path: ref.name, message: 'environment variable is not set' }]);
    }
    return value;
  }
  let text: string;
  try {
    text = await readFile(ref.path, 'utf8');
  } catch (error) {
    throw new ConfigError('CONFIG_INVALID', null, [
      { path: ref.path, message: `cannot read the secret file (${(error as NodeJS.ErrnoException).code})` },
    ]);
  }
  const secret = text.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  if (secret === '') {
    throw new ConfigError('CONFIG_INVALID', null, [
      { path: ref.path, message: 'the secret file is empty: put the secret on its first line' },
    ]);
  }
  return secret;
}

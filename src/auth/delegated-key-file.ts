// The 32-byte keys of the web service and the delegated token store: read from the file or environment variable
// the configuration names, else (embedded database only) generated once into the data folder and kept there.
// A PostgreSQL deployment runs several processes that must share the key, so there it has to be configured.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config, SecretRef } from '../config/index.ts';
import { ConfigError, readSecret } from '../config/index.ts';

export type KeyName = 'sessionKey' | 'tokenKey';

const generatedFiles: Readonly<Record<KeyName, string>> = {
  sessionKey: 'web-session.key',
  tokenKey: 'token-encryption.key',
};

/**
 * The key as 32 bytes. Configured keys are base64 (44 characters) or hex (64); `openssl rand -base64 32` makes one.
 * `log` receives one line when a key is generated (never the key itself).
 */
export async function loadKey(config: Config, name: KeyName, log: (line: string) => void = console.log) {
  const ref: SecretRef | null = config.web[name];
  if (ref !== null) return parseKey(await readSecret(ref), `web.${name}${ref.kind === 'file' ? 'File' : 'Env'}`);
  if (config.database.kind !== 'pglite') {
    throw new ConfigError('CONFIG_INVALID', config.file, [
      {
        path: `web.${name}File`,
        message: `is required with a PostgreSQL database (every process must use the same key): set web.${name}File or web.${name}Env`,
      },
    ]);
  }
  const path = join(config.database.dataDir, generatedFiles[name]);
  if (existsSync(path)) return parseKey(readFileSync(path, 'utf8').trim(), path);
  mkdirSync(dirname(path), { recursive: true });
  try {
    // `wx`: of two processes starting at once, one writes the key and the other reads it.
    writeFileSync(path, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    log(
      `generated a new ${name === 'sessionKey' ? 'session' : 'token encryption'} key in ${path} (keep it with the database)`,
    );
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(readFileSync(path, 'utf8').trim(), path);
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('CONFIG_INVALID', null, [
      { path: where, message: 'must hold a 32-byte key, base64 (openssl rand -base64 32) or 64 hex digits' },
    ]);
  }
  return key;
}

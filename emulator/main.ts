// `timetable-sync emulator`: runs the Microsoft 365 emulator until SIGINT/SIGTERM.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmulator } from './index.ts';
import { readSeedFile, SeedError } from './seed.ts';

const usage = `usage: timetable-sync emulator --seed seed.json [--port 8443] [--host 127.0.0.1] [--state state.json]
                                 [--ca-file emulator-ca.pem] [--tls-cert cert.pem --tls-key key.pem]`;

export async function runEmulatorCommand(args: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        seed: { type: 'string' },
        port: { type: 'string', default: '8443' },
        host: { type: 'string', default: '127.0.0.1' },
        state: { type: 'string' },
        'ca-file': { type: 'string', default: 'emulator-ca.pem' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (typeof values.seed !== 'string') {
    console.error(`--seed is required\n${usage}`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be a port number (0-65535), not ${String(values.port)}`);
    return 2;
  }
  if (Boolean(values['tls-cert']) !== Boolean(values['tls-key'])) {
    console.error('--tls-cert and --tls-key go together');
    return 2;
  }
  try {
    const seed = readSeedFile(values.seed);
    const caPath = resolve(String(values['ca-file']));
    const emulator = await startEmulator({
      seed,
      port,
      host: String(values.host),
      caPath,
      ...(typeof values.state === 'string' ? { statePath: resolve(values.state) } : {}),
      ...(typeof values['tls-cert'] === 'string' && typeof values['tls-key'] === 'string'
        ? {
            tls: { certPem: readFileSync(values['tls-cert'], 'utf8'), keyPem: readFileSync(values['tls-key'], 'utf8') },
          }
        : {}),
    });
    console.log(`emulator listening on ${emulator.url} (CA: ${caPath})`);
    await new Promise<void>((done) => {
      const stop = () => {
        emulator.close().then(done, done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  } catch (error) {
    console.error(error instanceof SeedError ? error.message : `emulator failed to start: ${(error as Error).message}`);
    return 2;
  }
}

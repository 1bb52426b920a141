// Starts the Microsoft 365 emulator: Entra ID + Graph calendar over HTTPS, from a seed and an optional state file.
// This folder imports nothing from the product (src/); the product reaches it only through endpoints and a CA file.
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { EmulatorContext } from './context.ts';
import { generateSigningKey, signingKeyFromPem } from './entra/signing-key.ts';
import { populateSeedEvents } from './graph/seed-events.ts';
import type { Seed } from './seed.ts';
import { buildServer } from './server.ts';
import { applyState, readStateFile, writeStateFile } from './state-file.ts';
import { generateTlsMaterial, type TlsMaterial } from './tls.ts';

/**
 * How long after a change the state file is written. Changes in between ride along, so a busy emulator writes its
 * (possibly large) state a few times a minute rather than after every request; close() always writes it.
 */
const stateSaveDelayMs = 3000;

export interface EmulatorOptions {
  readonly seed: Seed;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** Keep mailboxes, grants and keys here across restarts. */
  readonly statePath?: string;
  /** Where to write the CA certificate clients must trust. */
  readonly caPath?: string;
  /** Use this certificate and key instead of generating a CA (the CA file then holds this certificate). */
  readonly tls?: { readonly certPem: string; readonly keyPem: string };
}

export interface RunningEmulator {
  readonly url: string;
  readonly port: number;
  readonly caPath: string | undefined;
  readonly caPem: string;
  readonly context: EmulatorContext;
  /** Writes the state file now (it is also written shortly after every change). */
  saveState(): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const saved = options.statePath ? readStateFile(options.statePath) : undefined;
  const tls: TlsMaterial = options.tls
    ? { caCertPem: options.tls.certPem, ...options.tls }
    : (saved?.tls ?? (await generateTlsMaterial()));
  const signingKey = saved ? signingKeyFromPem(saved.signingKeyPem) : generateSigningKey();

  let saveTimer: NodeJS.Timeout | undefined;
  const saveState = () => {
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = undefined;
    if (options.statePath) writeStateFile(options.statePath, context, tls);
  };
  const context = new EmulatorContext(options.seed, signingKey, () => {
    if (options.statePath && !saveTimer) saveTimer = setTimeout(saveState, stateSaveDelayMs);
  });
  if (saved) applyState(context, saved);
  else populateSeedEvents(context);

  const server = await buildServer(context, tls);
  await server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
  const port = (server.server.address() as AddressInfo).port;
  context.baseUrl = `https://127.0.0.1:${port}`;
  if (options.caPath) writeFileSync(options.caPath, tls.caCertPem);
  if (options.statePath) saveState();

  return {
    url: context.baseUrl,
    port,
    caPath: options.caPath,
    caPem: tls.caCertPem,
    context,
    saveState,
    close: async () => {
      await server.close();
      saveState();
    },
  };
}

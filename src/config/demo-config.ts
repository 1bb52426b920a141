// The zero-config demo's configuration (`npm start`): embedded PGlite, the in-process emulator as the tenant for
// both sign-in and Graph, a generated certificate, a sample timetable. Built in code, checked like a file would be.
import { cwd } from 'node:process';
import type { Config, SyncConfig } from './config.ts';
import { resolveConfig } from './resolve-config.ts';

export interface DemoConfigOptions {
  /** The emulator's HTTPS base URL, e.g. `https://127.0.0.1:8443` (authority host and Graph endpoint at once). */
  readonly emulatorUrl: string;
  /** PEM file of the CA that signed the emulator's TLS certificate. */
  readonly caFile: string;
  readonly tenantId: string;
  readonly clientId: string;
  /** The demo app's certificate, registered with the emulator (PEM files; no password). */
  readonly certificate: { readonly cert: string; readonly key: string };
  /** The sample timetable (JSON source format). */
  readonly timetablePath: string;
  /** Embedded PGlite folder. */
  readonly dataDir: string;
  readonly sync?: Partial<SyncConfig>;
  /** The dashboard (`web`): its port (default 3000, served at `http://localhost:{port}`) and admins' UPNs. */
  readonly web?: { readonly port?: number; readonly admins?: readonly string[] };
}

/** Throws ConfigError when a file is missing: the demo writes its files before building the configuration. */
export function demoConfig(options: DemoConfigOptions): Config {
  const raw = {
    database: { dataDir: options.dataDir },
    microsoft: {
      tenantId: options.tenantId,
      clientId: options.clientId,
      authorityHost: options.emulatorUrl,
      graphEndpoint: options.emulatorUrl,
      caFile: options.caFile,
      auth: 'application',
      certificate: { cert: options.certificate.cert, key: options.certificate.key },
    },
    source: { type: 'json', path: options.timetablePath },
    sync: { ...options.sync },
    // Keys: none configured, so they are generated into the PGlite folder on the first start.
    web: {
      port: options.web?.port ?? 3000,
      publicUrl: `http://localhost:${options.web?.port ?? 3000}`,
      admins: [...(options.web?.admins ?? [])],
    },
  };
  // The demo never reads the environment: DATABASE_URL must not send demo data into a real database.
  return resolveConfig(raw, { file: null, baseDir: cwd(), env: {} });
}

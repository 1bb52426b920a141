// The validated, resolved configuration every part of the product reads: absolute paths, the national cloud turned
// into endpoints, defaults filled in, secrets as references (never values). Built by loadConfig or demoConfig;
// deeply frozen.
import type { AuthMode } from '../model/person.ts';

export type CloudName = 'global' | 'usgov' | 'usgov-dod' | 'china';

/** Where a secret is read from when it is needed: a file (trailing newline ignored) or an environment variable. */
export type SecretRef =
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'env'; readonly name: string };

/** How the app proves who it is to Entra ID. Paths are absolute and were readable when the config was loaded. */
export type ClientCredential =
  | { readonly kind: 'pfx'; readonly pfx: string; readonly password: SecretRef | null }
  | { readonly kind: 'pem'; readonly cert: string; readonly key: string; readonly password: SecretRef | null }
  | { readonly kind: 'secret'; readonly secret: SecretRef };

export type DatabaseConfig =
  | { readonly kind: 'postgres'; readonly url: string }
  /** Embedded PGlite in a folder (default `./data` next to the config file). */
  | { readonly kind: 'pglite'; readonly dataDir: string };

export interface MicrosoftConfig {
  /** A GUID or a verified domain (`uni.example`, `contoso.onmicrosoft.com`). */
  readonly tenantId: string;
  readonly clientId: string;
  readonly cloud: CloudName;
  /** `https://login.microsoftonline.com` (no trailing slash): the cloud's, or the configured override. */
  readonly authorityHost: string;
  /** `https://graph.microsoft.com` (no trailing slash, no version): the cloud's, or the configured override. */
  readonly graphEndpoint: string;
  /** Extra CA certificate (PEM) to trust for both endpoints, e.g. the emulator's. */
  readonly caFile: string | null;
  readonly auth: AuthMode;
  readonly credential: ClientCredential;
  /** Where Entra sends users back after "Connect my Outlook calendar" (delegated auth only). */
  readonly redirectUri: string | null;
}

/** One member per `source.type`; the sources issue adds ics, mytimetable and push. */
export type SourceConfig = { readonly type: 'json'; readonly path: string };

export interface SyncConfig {
  readonly pastDays: number;
  readonly futureDays: number;
  /** `respect`: an event the user deleted stays deleted until the timetable changes it; `restore`: put it back. */
  readonly onUserDelete: 'respect' | 'restore';
  /** A plan deleting more than this share of a person's events is held for an admin; in (0, 1]. */
  readonly maxDeleteShare: number;
  /** Requests per Graph `$batch` (Graph allows at most 20). */
  readonly batchSize: number;
  /** Mailboxes synced at the same time (one batch in flight per mailbox). */
  readonly maxConcurrentMailboxes: number;
  /** Attempts per request before a throttled or failing item counts as failed. */
  readonly maxAttempts: number;
  /** How often a scheduled reconcile (listing the calendar) runs per person. */
  readonly reconcileIntervalHours: number;
}

export interface MappingConfig {
  /** Reminder before each event, in minutes. */
  readonly reminderMinutes: number;
}

export interface Config {
  /** The file it came from (absolute), or null for a configuration built in code (the demo). */
  readonly file: string | null;
  /** The folder relative paths were resolved against. */
  readonly baseDir: string;
  readonly database: DatabaseConfig;
  readonly microsoft: MicrosoftConfig;
  readonly source: SourceConfig;
  readonly sync: SyncConfig;
  readonly mapping: MappingConfig;
}

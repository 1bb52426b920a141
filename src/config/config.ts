// The validated, resolved configuration every part of the product reads: absolute paths, the national cloud turned
// into endpoints, defaults filled in, secrets as references (never values). Built by loadConfig or demoConfig;
// deeply frozen.
import type { MappingOptions } from '../mapping/mapping-options.ts';
import type { AuthMode } from '../model/person.ts';
import type { PeopleConfig } from '../people/people-config.ts';
import type { IcsSourceConfig } from '../source/ics/ics-source-config.ts';
import type { MyTimetableSourceConfig } from '../source/mytimetable/mytimetable-config.ts';

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

export type DatabaseConfig = (
  | { readonly kind: 'postgres'; readonly url: string }
  /** Embedded PGlite in a folder (default `./data` next to the config file). */
  | { readonly kind: 'pglite'; readonly dataDir: string }
) & {
  /** The schema of the store's tables (default `public`); pg-boss uses `<schema>_pgboss` beside it. */
  readonly schema?: string;
};

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
export type SourceConfig =
  | { readonly type: 'json'; readonly path: string }
  | IcsSourceConfig
  | MyTimetableSourceConfig
  /** The timetabling system pushes timetables to our API; they are kept in the database (src/source/push). */
  | { readonly type: 'push' };

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

/** The long-running processes: `timetable-sync serve` and `timetable-sync worker`. */
export interface ServiceConfig {
  /** Everyone is synced this often (a pg-boss schedule fanning out one job per person). */
  readonly syncIntervalMinutes: number;
  /** Sync jobs one process works on at once (`worker --concurrency N` overrides it). */
  readonly workers: number;
  /** A mailbox throttled for longer than this is rescheduled after its Retry-After instead of waited for. */
  readonly throttleDeferSeconds: number;
  /** On SIGTERM: how long running jobs may take to finish before they are handed back to the queue. */
  readonly shutdownTimeoutSeconds: number;
  /** A worker's job is handed to another worker this long after its process stopped answering (>= 10). */
  readonly jobHeartbeatSeconds: number;
  /** How often expired and orphaned jobs are looked for. */
  readonly monitorIntervalSeconds: number;
  /** How often an idle worker asks for work (new jobs also wake it at once where LISTEN/NOTIFY works). */
  readonly pollingIntervalSeconds: number;
  /** At start, how long `serve` and `worker` keep trying a PostgreSQL server that cannot be reached (0: not at all). */
  readonly startupWaitSeconds: number;
  /**
   * Runs and their Graph writes are deleted this many days after they finished (a daily job), except each person's
   * latest run and latest calendar listing, unfinished runs, and runs a held plan waits on or an admin decided.
   */
  readonly keepHistoryDays: number;
  /** Succeeded runs that wrote nothing (most scheduled syncs) go sooner: this many hours after they finished. */
  readonly keepUnchangedRunsHours: number;
}

/** How events look in Outlook: templates, reminder, show-as, sensitivity, categories (see src/mapping). */
export type MappingConfig = MappingOptions;

/** Which of their own settings people may change on their page (src/web), within these bounds. */
export interface PersonSettingsPolicy {
  /** The reminder choices offered, in minutes; empty: people keep `mapping.reminderMinutes`. */
  readonly reminderMinutes: readonly number[];
  /** People may leave activity types (Lecture, Exam, …) out of their calendar. */
  readonly activityTypes: boolean;
  /** People may turn coloured categories on or off. */
  readonly categories: boolean;
}

export interface WebConfig {
  /** The port `serve` listens on (default 3000). */
  readonly port: number;
  /** What links and redirect URIs use (no trailing slash); default `http://localhost:{port}`. */
  readonly publicUrl: string;
  /** Signs and encrypts session cookies; null: generated into the embedded database's folder on first start. */
  readonly sessionKey: SecretRef | null;
  /** Encrypts stored delegated token caches (AES-256-GCM); null: generated like the session key. */
  readonly tokenKey: SecretRef | null;
  /** User principal names of admins, lower case. */
  readonly admins: readonly string[];
  /** An Entra group whose (transitive) members are admins. */
  readonly adminGroup: string | null;
  readonly personSettings: PersonSettingsPolicy;
  /** Which X-Forwarded-For hops to believe (fastify's trustProxy); false: the socket's address is the client. */
  readonly trustProxy: boolean | number | readonly string[];
}

export interface Config {
  /** The file it came from (absolute), or null for a configuration built in code (the demo). */
  readonly file: string | null;
  /** The folder relative paths were resolved against. */
  readonly baseDir: string;
  readonly database: DatabaseConfig;
  readonly microsoft: MicrosoftConfig;
  /** Who is synced in application mode (a people file or an Entra group); null: the source lists its people. */
  readonly people: PeopleConfig | null;
  readonly source: SourceConfig;
  readonly sync: SyncConfig;
  readonly mapping: MappingConfig;
  readonly service: ServiceConfig;
  readonly web: WebConfig;
}

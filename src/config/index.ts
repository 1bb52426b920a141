// Configuration: `timetable-sync.yaml` → a validated, frozen Config (see config.ts for every field).
//
// - loadConfig({path?, env?, cwd?}): `--config FILE`, else TIMETABLE_SYNC_CONFIG, else ./timetable-sync.yaml;
//   DATABASE_URL overrides `database`; relative paths resolve against the file's folder; referenced files must be
//   readable and referenced environment variables set. Throws ConfigError listing every `key.path: problem (got …)`.
// - parseConfigText(yaml, {file, env}), resolveConfig(object, {file, baseDir, env}): the same from text or an object.
// - demoConfig({emulatorUrl, caFile, tenantId, clientId, certificate, timetablePath, dataDir}): the zero-config demo.
// - readSecret(ref): a password or client secret, read only when needed (from its file or environment variable).
// - CLOUDS, authorityUrl, graphBaseUrl, graphDefaultScope: national cloud endpoints.
export { authorityUrl, CLOUD_NAMES, CLOUDS, graphBaseUrl, graphDefaultScope } from './clouds.ts';
export type {
  ClientCredential,
  CloudName,
  Config,
  DatabaseConfig,
  MappingConfig,
  MicrosoftConfig,
  PersonSettingsPolicy,
  SecretRef,
  ServiceConfig,
  SourceConfig,
  SyncConfig,
  WebConfig,
} from './config.ts';
export type { ConfigErrorCode } from './config-error.ts';
export { ConfigError } from './config-error.ts';
export type { DemoConfigOptions } from './demo-config.ts';
export { demoConfig } from './demo-config.ts';
export type { LoadConfigOptions } from './load-config.ts';
export { configFileLocation, DEFAULT_CONFIG_FILE, loadConfig, parseConfigText } from './load-config.ts';
export { readSecret } from './read-secret.ts';
export type { Environment, ResolveOptions } from './resolve-config.ts';
export { resolveConfig } from './resolve-config.ts';

// From a parsed configuration object to a Config: validate with the schema, apply environment overrides, resolve
// paths against the config file's folder, turn the cloud into endpoints, check that every referenced file can be
// read and every referenced environment variable is set, then freeze. All problems are reported together.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { resolveMapping } from '../mapping/mapping-schema.ts';
import type { AuthMode } from '../model/person.ts';
import type { ValidationProblem } from '../model/validation-problem.ts';
import type { PeopleConfig } from '../people/people-config.ts';
import { resolvePeople } from '../people/people-config.ts';
import { resolveIcsSource } from '../source/ics/ics-source-config.ts';
import { resolveMyTimetableSource } from '../source/mytimetable/mytimetable-config.ts';
import { CLOUDS } from './clouds.ts';
import type { ClientCredential, Config, DatabaseConfig, SecretRef, SourceConfig, WebConfig } from './config.ts';
import { ConfigError } from './config-error.ts';
import { configProblems } from './config-problems.ts';
import type { ConfigFile } from './config-schema.ts';
import { configSchema } from './config-schema.ts';
import { deepFreeze } from './deep-freeze.ts';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ResolveOptions {
  /** Absolute path of the file the object came from, or null (built in code). */
  readonly file: string | null;
  /** Folder relative paths are resolved against. */
  readonly baseDir: string;
  readonly env: Environment;
}

export function resolveConfig(raw: unknown, options: ResolveOptions): Config {
  const withOverrides = applyEnvironment(raw, options.env);
  const parsed = configSchema.safeParse(withOverrides, { reportInput: true });
  if (!parsed.success) throw new ConfigError('CONFIG_INVALID', options.file, configProblems(parsed.error));

  const problems: ValidationProblem[] = [];
  const at = (path: string) => resolve(options.baseDir, path);
  const file = (key: string, path: string): string => {
    const absolute = at(path);
    const problem = unreadableFile(absolute);
    if (problem !== null)
      problems.push({ path: key, message: `${problem} (got ${JSON.stringify(path)} → ${absolute})` });
    return absolute;
  };
  const env = (key: string, name: string): SecretRef => {
    if ((options.env[name] ?? '') === '')
      problems.push({ path: key, message: `environment variable ${name} is not set` });
    return { kind: 'env', name };
  };
  const secret = (key: string, fromFile: string | undefined, fromEnv: string | undefined): SecretRef | null => {
    if (fromFile !== undefined) return { kind: 'file', path: file(`${key}File`, fromFile) };
    if (fromEnv !== undefined) return env(`${key}Env`, fromEnv);
    return null;
  };

  const { microsoft: ms } = parsed.data;
  const cloud = CLOUDS[ms.cloud];
  const credential = resolveCredential(ms, file, secret);
  const people = parsed.data.people === undefined ? null : resolvePeople(parsed.data.people, file);
  const source = resolveSource(parsed.data.source, {
    file,
    secret,
    baseDir: options.baseDir,
    people,
    auth: ms.auth,
    problems,
  });
  const config: Config = {
    file: options.file,
    baseDir: options.baseDir,
    database: resolveDatabase(parsed.data.database, at),
    microsoft: {
      tenantId: ms.tenantId,
      clientId: ms.clientId.toLowerCase(),
      cloud: ms.cloud,
      authorityHost: withoutTrailingSlash(ms.authorityHost ?? cloud.authorityHost),
      graphEndpoint: withoutTrailingSlash(ms.graphEndpoint ?? cloud.graphEndpoint),
      caFile: ms.caFile === undefined ? null : file('microsoft.caFile', ms.caFile),
      auth: ms.auth,
      credential,
      redirectUri: ms.redirectUri ?? null,
    },
    people,
    source,
    sync: parsed.data.sync,
    mapping: resolveMapping(parsed.data.mapping, parsed.data.source.type),
    service: parsed.data.service,
    web: resolveWeb(parsed.data.web, secret),
  };
  if (config.microsoft.auth === 'delegated' && config.microsoft.redirectUri === null) {
    problems.push({ path: 'microsoft.redirectUri', message: 'is required with auth: delegated' });
  }
  if (problems.length > 0) throw new ConfigError('CONFIG_INVALID', options.file, problems);
  return deepFreeze(config);
}

interface SourceContext {
  readonly file: FileCheck;
  readonly secret: SecretCheck;
  readonly baseDir: string;
  readonly people: PeopleConfig | null;
  readonly auth: AuthMode;
  readonly problems: ValidationProblem[];
}

/** One case per `source.type`. */
function resolveSource(source: ConfigFile['source'], context: SourceContext): SourceConfig {
  switch (source.type) {
    case 'json':
      return { type: 'json', path: context.file('source.path', source.path) };
    case 'ics':
      return resolveIcsSource(source, context);
    case 'mytimetable':
      return resolveMyTimetableSource(source, context);
    case 'push':
      return { type: 'push' };
  }
}

/** DATABASE_URL replaces `database` (a deploy sets it without editing the file). */
function applyEnvironment(raw: unknown, env: Environment): unknown {
  const url = env.DATABASE_URL;
  if (url === undefined || url === '' || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return raw;
  const schema = (raw as { database?: { schema?: unknown } }).database?.schema;
  return { ...raw, database: schema === undefined ? { url } : { url, schema } };
}

function resolveWeb(web: ConfigFile['web'], secret: SecretCheck): WebConfig {
  return {
    port: web.port,
    publicUrl: withoutTrailingSlash(web.publicUrl ?? `http://localhost:${web.port}`),
    sessionKey: secret('web.sessionKey', web.sessionKeyFile, web.sessionKeyEnv),
    tokenKey: secret('web.tokenKey', web.tokenKeyFile, web.tokenKeyEnv),
    admins: web.admins.map((admin) => admin.toLowerCase()),
    adminGroup: web.adminGroup?.toLowerCase() ?? null,
    personSettings: web.personSettings,
    trustProxy: web.trustProxy,
  };
}

function resolveDatabase(database: ConfigFile['database'], at: (path: string) => string): DatabaseConfig {
  const schema = database.schema === undefined ? {} : { schema: database.schema };
  if (database.url !== undefined) return { kind: 'postgres', url: database.url, ...schema };
  return { kind: 'pglite', dataDir: at(database.dataDir ?? './data'), ...schema };
}

type FileCheck = (key: string, path: string) => string;
type SecretCheck = (key: string, fromFile: string | undefined, fromEnv: string | undefined) => SecretRef | null;

function resolveCredential(ms: ConfigFile['microsoft'], file: FileCheck, secret: SecretCheck): ClientCredential {
  const certificate = ms.certificate;
  if (certificate === undefined) {
    const clientSecret = secret('microsoft.clientSecret', ms.clientSecretFile, ms.clientSecretEnv);
    // The schema guarantees one of the two forms.
    return { kind: 'secret', secret: clientSecret ?? { kind: 'env', name: '' } };
  }
  const password = secret('microsoft.certificate.password', certificate.passwordFile, certificate.passwordEnv);
  if (certificate.pfx !== undefined) {
    return { kind: 'pfx', pfx: file('microsoft.certificate.pfx', certificate.pfx), password };
  }
  return {
    kind: 'pem',
    cert: file('microsoft.certificate.cert', certificate.cert ?? ''),
    key: file('microsoft.certificate.key', certificate.key ?? ''),
    password,
  };
}

function unreadableFile(path: string): string | null {
  try {
    if (!statSync(path).isFile()) return 'is not a file';
    accessSync(path, constants.R_OK);
    return null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'file not found';
    if (code === 'EACCES') return 'file is not readable by this user';
    return `cannot read the file (${(error as Error).message})`;
  }
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

// Check 1: the configuration file can be read and is valid. Every problem is listed (ConfigError collects them all),
// so the admin fixes the file in one pass; nothing else can run without it.
import { CLOUDS, type Config, ConfigError, type Environment, loadConfig } from '../config/index.ts';
import { type CheckResult, failed, passed } from './check-result.ts';

export interface ConfigCheck {
  readonly result: CheckResult;
  readonly config: Config | undefined;
}

const title = 'configuration';

export function checkConfig(options: { readonly path?: string | undefined; readonly env?: Environment }): ConfigCheck {
  try {
    const config = loadConfig({ path: options.path, ...(options.env ? { env: options.env } : {}) });
    const ms = config.microsoft;
    const credential =
      ms.credential.kind === 'secret' ? 'client secret' : `certificate (${ms.credential.kind.toUpperCase()})`;
    const cloud = CLOUDS[ms.cloud];
    const endpoints =
      ms.authorityHost === cloud.authorityHost && ms.graphEndpoint === cloud.graphEndpoint
        ? `cloud ${ms.cloud}`
        : `sign-in ${ms.authorityHost}, Graph ${ms.graphEndpoint}`;
    return {
      config,
      result: passed(
        'config',
        title,
        `${config.file ?? 'built-in configuration'}: ${ms.auth} permissions, tenant ${ms.tenantId}, client ${ms.clientId}, ${credential}, ${endpoints}`,
      ),
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const where = error.file ?? 'the configuration';
    const notFound = error.code === 'CONFIG_NOT_FOUND';
    return {
      config: undefined,
      result: failed(
        'config',
        title,
        notFound ? `no configuration file at ${where}` : `${where} has ${plural(error.problems.length, 'problem')}`,
        {
          code: error.code,
          fix: notFound
            ? 'write timetable-sync.yaml (docs/configuration.md), or name it with --config FILE or TIMETABLE_SYNC_CONFIG'
            : 'correct each key listed (docs/configuration.md describes every one), then run the doctor again',
          details: error.problems.map((p) => `${p.path === '' ? '(file)' : p.path}: ${p.message}`),
        },
      ),
    };
  }
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

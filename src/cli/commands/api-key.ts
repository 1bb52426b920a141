// `timetable-sync api-key create NAME | list | revoke NAME|ID`: keys for the push API. A new key is printed once,
// on the last line (only its hash is stored); list shows name, id, created, last used and revoked.
import type { Kysely } from 'kysely';
import { loadConfig } from '../../config/index.ts';
import type { Database } from '../../store/database.ts';
import { openDatabase } from '../../store/index.ts';
import { ApiKeyError, createApiKey, listApiKeys, revokeApiKeyByNameOrId } from '../../web/api/api-keys.ts';
import { runCommand } from '../run-command.ts';
import { UsageError } from '../selection-args.ts';

const usage = 'usage: timetable-sync api-key [--config FILE] create NAME | list | revoke NAME|ID';

export function run(args: string[]): Promise<number> {
  return runCommand(async () => {
    const { config: configPath, rest } = splitConfig(args);
    const config = loadConfig(configPath ? { path: configPath } : {});
    const schema = config.database.schema === undefined ? {} : { schema: config.database.schema };
    const store = await openDatabase(
      config.database.kind === 'postgres'
        ? { url: config.database.url, ...schema }
        : { dataDir: config.database.dataDir, ...schema },
    );
    try {
      return await apiKeyCommand(store.db, rest, (line) => console.log(line));
    } finally {
      await store.close();
    }
  });
}

/** The command on an open store (tests call this). Throws UsageError for wrong arguments. */
export async function apiKeyCommand(
  db: Kysely<Database>,
  args: readonly string[],
  print: (line: string) => void,
  now: () => Date = () => new Date(),
): Promise<number> {
  const [action, target, ...extra] = args;
  if (extra.length > 0) throw new UsageError(usage);
  try {
    switch (action) {
      case 'create': {
        if (target === undefined) throw new UsageError(usage);
        const { key, id } = await createApiKey(db, target);
        print(`created API key '${target}' (id ${id}); it is shown only now, keep it in a secret store:`);
        print(key);
        return 0;
      }
      case 'list': {
        if (target !== undefined) throw new UsageError(usage);
        const keys = await listApiKeys(db);
        if (keys.length === 0) print('no API keys (create one with: timetable-sync api-key create NAME)');
        for (const key of keys) {
          const used = key.lastUsedAt ? `last used ${key.lastUsedAt.slice(0, 19)}Z` : 'never used';
          const revoked = key.revokedAt ? `revoked ${key.revokedAt.slice(0, 19)}Z` : 'active';
          print(`  ${key.name.padEnd(24)} ${key.id}  created ${key.createdAt.slice(0, 19)}Z  ${used}  ${revoked}`);
        }
        return 0;
      }
      case 'revoke': {
        if (target === undefined) throw new UsageError(usage);
        const revoked = await revokeApiKeyByNameOrId(db, target, now());
        print(`revoked API key '${revoked.name}' (id ${revoked.id}): it is refused from now on`);
        return 0;
      }
      default:
        throw new UsageError(usage);
    }
  } catch (error) {
    if (error instanceof ApiKeyError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

function splitConfig(args: readonly string[]): { config: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let config: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--config' || arg === '-c') {
      config = args[++i];
      if (config === undefined) throw new UsageError(usage);
    } else if (arg.startsWith('--config=')) config = arg.slice('--config='.length);
    else rest.push(arg);
  }
  return { config, rest };
}

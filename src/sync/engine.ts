// Wires one process's engine from the configuration: the store, the timetable source, one token provider and one
// Graph client (shared by every mailbox), and the executor; with delegated permissions also each connected
// person's tokens and Graph client (see mailbox-target.ts). Everything else takes an Engine.
import { readFileSync } from 'node:fs';
import { type AppCredential, createAppTokenProvider } from '../auth/app-token-provider.ts';
import { loadKey } from '../auth/delegated-key-file.ts';
import { delegatedGraphScopes } from '../auth/delegated-sign-in.ts';
import { TokenCipher } from '../auth/delegated-token-cipher.ts';
import { DelegatedTokens } from '../auth/delegated-tokens.ts';
import { CategoryKeeper } from '../categories/category-keeper.ts';
import { loadClientCertificate, toMsalClientCertificate } from '../certificates/load-client-certificate.ts';
import { type Config, readSecret } from '../config/index.ts';
import { PlanExecutor } from '../executor/plan-executor.ts';
import { GraphClient } from '../graph/graph-client.ts';
import type { RetryOptions } from '../graph/retry.ts';
import { createSource, type TimetableSource } from '../source/index.ts';
import { openDatabase, type StoreDatabase } from '../store/index.ts';
import { createDelegatedGraph, type DelegatedGraph } from './delegated-graph.ts';
import { mappingUsesCategories } from './person-mapping.ts';

export interface Engine {
  readonly config: Config;
  readonly store: StoreDatabase;
  readonly source: TimetableSource;
  readonly graph: GraphClient;
  readonly executor: PlanExecutor;
  /**
   * Each mailbox's coloured categories, made sure of once per person and category set (src/categories); an engine
   * without one writes category names only.
   */
  readonly categories?: CategoryKeeper;
  /** `microsoft.auth: delegated`: each person's own tokens (encrypted in the store) and Graph client; else undefined. */
  readonly delegated?: DelegatedGraph | undefined;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** How Graph reads are retried; a worker sets `maxRetryAfterMs` so a long Retry-After ends the job instead. */
  readonly readRetry?: Partial<RetryOptions>;
}

export async function createEngine(config: Config, options: EngineOptions = {}): Promise<Engine> {
  const caPem = config.microsoft.caFile ? readFileSync(config.microsoft.caFile, 'utf8') : undefined;
  const credential = await appCredential(config);
  // One msal client setup for the app's own tokens and, in delegated mode, each person's.
  const msal = {
    tenantId: config.microsoft.tenantId,
    clientId: config.microsoft.clientId,
    authorityHost: config.microsoft.authorityHost,
    graphEndpoint: config.microsoft.graphEndpoint,
    credential,
    ...(caPem ? { caPem } : {}),
  };
  const tokens = createAppTokenProvider(msal);
  const schema = config.database.schema === undefined ? {} : { schema: config.database.schema };
  const store = await openDatabase(
    config.database.kind === 'postgres'
      ? { url: config.database.url, ...schema }
      : { dataDir: config.database.dataDir, ...schema },
  );
  const graph = new GraphClient({
    graphEndpoint: config.microsoft.graphEndpoint,
    tokenProvider: tokens,
    ...(caPem ? { caPem } : {}),
    ...(options.readRetry ? { retry: options.readRetry } : {}),
  });
  const executor = new PlanExecutor({
    client: graph,
    db: store.db,
    onUserDelete: config.sync.onUserDelete,
    batchSize: config.sync.batchSize,
    maxConcurrentBatches: config.sync.maxConcurrentMailboxes,
    maxAttempts: config.sync.maxAttempts,
  });
  const delegated =
    config.microsoft.auth === 'delegated'
      ? createDelegatedGraph({
          tokens: new DelegatedTokens({
            msal,
            db: store.db,
            cipher: new TokenCipher(await loadKey(config, 'tokenKey')),
            scopes: delegatedGraphScopes(
              config.microsoft.graphEndpoint,
              config.web.personSettings.categories || mappingUsesCategories(config.mapping),
            ),
          }),
          graphEndpoint: config.microsoft.graphEndpoint,
          caPem,
          stats: graph.stats,
        })
      : undefined;
  return {
    config,
    store,
    source: createSource(config.source, { db: store.db }),
    graph,
    executor,
    categories: new CategoryKeeper(),
    delegated,
    close: async () => {
      await delegated?.close();
      await graph.close();
      await tokens.close();
      await store.close();
    },
  };
}

/** Reads the certificate (or secret) now, so a wrong password fails before any person is touched. */
export async function appCredential(config: Config): Promise<AppCredential> {
  const credential = config.microsoft.credential;
  switch (credential.kind) {
    case 'secret':
      return { clientSecret: await readSecret(credential.secret) };
    case 'pfx': {
      const password = credential.password ? await readSecret(credential.password) : undefined;
      const certificate = loadClientCertificate({
        pfxPath: credential.pfx,
        ...(password === undefined ? {} : { password }),
      });
      return { certificate: toMsalClientCertificate(certificate) };
    }
    case 'pem': {
      const password = credential.password ? await readSecret(credential.password) : undefined;
      const certificate = loadClientCertificate({
        certPath: credential.cert,
        keyPath: credential.key,
        ...(password === undefined ? {} : { password }),
      });
      return { certificate: toMsalClientCertificate(certificate) };
    }
  }
}

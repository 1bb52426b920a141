// Wires one process's engine from the configuration: the store, the timetable source, one token provider and one
// Graph client (shared by every mailbox), and the executor. Everything else takes an Engine.
import { readFileSync } from 'node:fs';
import { type AppCredential, createAppTokenProvider } from '../auth/app-token-provider.ts';
import { loadClientCertificate, toMsalClientCertificate } from '../certificates/load-client-certificate.ts';
import { type Config, readSecret } from '../config/index.ts';
import { PlanExecutor } from '../executor/plan-executor.ts';
import { GraphClient } from '../graph/graph-client.ts';
import { createSource, type TimetableSource } from '../source/index.ts';
import { openDatabase, type StoreDatabase } from '../store/index.ts';

export interface Engine {
  readonly config: Config;
  readonly store: StoreDatabase;
  readonly source: TimetableSource;
  readonly graph: GraphClient;
  readonly executor: PlanExecutor;
  close(): Promise<void>;
}

export async function createEngine(config: Config): Promise<Engine> {
  const caPem = config.microsoft.caFile ? readFileSync(config.microsoft.caFile, 'utf8') : undefined;
  const tokens = createAppTokenProvider({
    tenantId: config.microsoft.tenantId,
    clientId: config.microsoft.clientId,
    authorityHost: config.microsoft.authorityHost,
    graphEndpoint: config.microsoft.graphEndpoint,
    credential: await appCredential(config),
    ...(caPem ? { caPem } : {}),
  });
  const store = await openDatabase(
    config.database.kind === 'postgres' ? { url: config.database.url } : { dataDir: config.database.dataDir },
  );
  const graph = new GraphClient({
    graphEndpoint: config.microsoft.graphEndpoint,
    tokenProvider: tokens,
    ...(caPem ? { caPem } : {}),
  });
  const executor = new PlanExecutor({
    client: graph,
    db: store.db,
    onUserDelete: config.sync.onUserDelete,
    batchSize: config.sync.batchSize,
    maxConcurrentBatches: config.sync.maxConcurrentMailboxes,
    maxAttempts: config.sync.maxAttempts,
  });
  return {
    config,
    store,
    source: createSource(config.source),
    graph,
    executor,
    close: async () => {
      await graph.close();
      await tokens.close();
      await store.close();
    },
  };
}

/** Reads the certificate (or secret) now, so a wrong password fails before any person is touched. */
async function appCredential(config: Config): Promise<AppCredential> {
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

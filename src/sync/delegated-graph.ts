// Delegated permissions (`microsoft.auth: delegated`): a Graph client per person, acting with that person's own
// token on `/me`. The clients share one connection pool (and its TLS set-up) and the engine's request statistics;
// only the token differs.
import { createSecureContext, getCACertificates } from 'node:tls';
import { Agent, fetch as undiciFetch } from 'undici';
import type { DelegatedTokens } from '../auth/delegated-tokens.ts';
import { GraphClient, type GraphFetch } from '../graph/graph-client.ts';
import type { GraphStats } from '../graph/graph-stats.ts';

export interface DelegatedGraph {
  readonly tokens: DelegatedTokens;
  /** A client whose every request carries this person's token. */
  clientFor(personId: string): GraphClient;
  close(): Promise<void>;
}

export function createDelegatedGraph(options: {
  readonly tokens: DelegatedTokens;
  readonly graphEndpoint: string;
  readonly caPem?: string | undefined;
  readonly stats: GraphStats;
}): DelegatedGraph {
  const ca = options.caPem ? [...getCACertificates('default'), options.caPem] : undefined;
  const agent = new Agent({
    connect: ca ? { secureContext: createSecureContext({ ca }) } : {},
    keepAliveTimeout: 30_000,
  });
  const fetch: GraphFetch = (url, init) => undiciFetch(url, { ...init, dispatcher: agent });
  return {
    tokens: options.tokens,
    clientFor: (personId) =>
      new GraphClient({
        graphEndpoint: options.graphEndpoint,
        tokenProvider: options.tokens.tokenProvider(personId),
        fetch,
        stats: options.stats,
      }),
    close: async () => {
      await agent.close();
      await options.tokens.close();
    },
  };
}

// Whose calendar a run writes to, and with which client: with application permissions the shared client and
// executor on `/users/{upn}`; with delegated permissions a client carrying the person's own token on `/me` and an
// executor of its own. sync-person.ts and purge-person.ts take one of these (or build it here).

import { PlanExecutor } from '../executor/plan-executor.ts';
import type { GraphClient } from '../graph/graph-client.ts';
import { type MailboxRef, signedInMailbox, userMailbox } from '../graph/mailbox-ref.ts';
import type { AuthMode, Person } from '../model/person.ts';
import type { UserDeletePolicy } from '../planner/index.ts';
import type { Engine } from './engine.ts';

export interface MailboxTarget {
  readonly mailbox: MailboxRef;
  readonly graph: GraphClient;
  readonly executor: PlanExecutor;
  /**
   * Fails before anything is read or planned when the calendar cannot be reached at all (a delegated person whose
   * sign-in is gone: DelegatedAuthError), so the run ends at once with a status that says so.
   */
  ready(): Promise<void>;
}

export interface MailboxTargetOptions {
  /** This run's rule for events the user deleted, when it differs from `sync.onUserDelete` ("reset my calendar"). */
  readonly onUserDelete?: UserDeletePolicy;
}

export function mailboxTarget(
  engine: Engine,
  person: Person & { readonly authMode?: AuthMode },
  options: MailboxTargetOptions = {},
): MailboxTarget {
  const policy = options.onUserDelete ?? engine.config.sync.onUserDelete;
  if (person.authMode === 'delegated' && engine.delegated) {
    const graph = engine.delegated.clientFor(person.id);
    const tokens = engine.delegated.tokens.tokenProvider(person.id);
    return {
      mailbox: signedInMailbox(person.mailbox),
      graph,
      // One mailbox: an executor of its own costs nothing and keeps the person's token out of the shared one.
      executor: executorFor(engine, graph, policy),
      ready: async () => {
        await tokens.getToken();
      },
    };
  }
  return {
    mailbox: userMailbox(person.mailbox),
    graph: engine.graph,
    executor: policy === engine.config.sync.onUserDelete ? engine.executor : executorFor(engine, engine.graph, policy),
    ready: async () => {},
  };
}

function executorFor(engine: Engine, client: GraphClient, onUserDelete: UserDeletePolicy): PlanExecutor {
  const { sync } = engine.config;
  return new PlanExecutor({
    client,
    db: engine.store.db,
    onUserDelete,
    batchSize: sync.batchSize,
    maxConcurrentBatches: 1,
    maxAttempts: sync.maxAttempts,
  });
}

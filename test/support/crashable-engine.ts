// The sync engine as a process that can die at a chosen Graph request, for tests that cannot SIGKILL themselves.
// From the moment it dies, no request it sent gets an answer and it reaches the store no more, exactly as after a
// SIGKILL: what it committed stays, the rest is lost. Optionally the fatal request still reaches Graph and takes
// effect first (the answer lost on the way back). `restart()` starts a new "process" on the same store. Wired like
// createEngine (src/sync/engine.ts), with a fetch and a store connection that can be cut; tokens come as usual.
import type { KyselyPlugin } from 'kysely';
import { Agent, type Headers, fetch as undiciFetch } from 'undici';
import { type AppCredential, createAppTokenProvider } from '../../src/auth/app-token-provider.ts';
import { CategoryKeeper } from '../../src/categories/category-keeper.ts';
import type { Config } from '../../src/config/index.ts';
import { PlanExecutor } from '../../src/executor/plan-executor.ts';
import { GraphClient, type GraphFetch } from '../../src/graph/graph-client.ts';
import type { TimetableSource } from '../../src/source/index.ts';
import type { StoreDatabase } from '../../src/store/index.ts';
import { appCredential, type Engine } from '../../src/sync/engine.ts';

/** `before-send`: the fatal request never leaves; `after-send`: Graph executes it, the answer is lost. */
export type DeathMode = 'before-send' | 'after-send';

export class ProcessDied extends Error {
  override readonly name = 'ProcessDied';
}

interface Incarnation {
  readonly engine: Engine;
  /** Arms the death at the request after `requests` more; resolves once it died and its last write landed. */
  dieAfter(requests: number, mode: DeathMode): Promise<void>;
  disarm(): void;
  readonly dead: () => boolean;
  close(): Promise<void>;
}

export interface CrashableEngine {
  /** The live process's engine. */
  readonly engine: Engine;
  /**
   * Runs `work` on the live engine, which dies at the (`requests` + 1)th Graph request; resolves when the work
   * finished or the process died (then restarted on the same store). Says which happened.
   */
  runUntilDeath(
    requests: number,
    mode: DeathMode,
    work: (engine: Engine) => Promise<unknown>,
  ): Promise<'finished' | 'died'>;
  /** A clean restart: the old process is stopped between two runs and a new one starts. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

const never = <T>() => new Promise<T>(() => {});

export async function crashableEngine(
  config: Config,
  store: StoreDatabase,
  source: TimetableSource,
  caPem: string,
): Promise<CrashableEngine> {
  const credential = await appCredential(config);
  const incarnations: Incarnation[] = [];
  const start = () => {
    const incarnation = startIncarnation(config, store, source, caPem, credential);
    incarnations.push(incarnation);
    return incarnation;
  };
  let live = start();

  /** Waits until every store statement the dead process had started is done (the lock is first come, first served). */
  const quiesce = () => store.db.selectNoFrom((eb) => eb.val(1).as('done')).execute();

  return {
    get engine() {
      return live.engine;
    },
    async runUntilDeath(requests, mode, work) {
      const current = live;
      const died = current.dieAfter(requests, mode);
      const run = work(current.engine).then(
        () => 'finished' as const,
        (error: unknown) => {
          // What a dead process does after its death (fail on the store) is nobody's business.
          if (current.dead()) return 'died' as const;
          throw error;
        },
      );
      const outcome = await Promise.race([run, died.then(() => 'died' as const)]);
      if (outcome === 'finished') {
        current.disarm();
        return outcome;
      }
      await quiesce();
      live = start();
      return outcome;
    },
    async restart() {
      await live.close();
      live = start();
    },
    async close() {
      for (const incarnation of incarnations) await incarnation.close();
    },
  };
}

function startIncarnation(
  config: Config,
  store: StoreDatabase,
  source: TimetableSource,
  caPem: string,
  credential: AppCredential,
): Incarnation {
  const agent = new Agent({ connect: { ca: caPem } });
  let dead = false;
  let fuse = Number.POSITIVE_INFINITY;
  let mode: DeathMode = 'before-send';
  let announce: () => void = () => {};
  const died = new Promise<void>((resolve) => {
    announce = resolve;
  });

  // Requests already on the wire when it dies still reach Graph; the death counts once they have landed.
  let onTheWire = 0;
  const landed = () => {
    if (dead && onTheWire === 0) announce();
  };
  const fetch: GraphFetch = async (url, init) => {
    if (dead) return never();
    const fatal = fuse-- <= 0;
    if (fatal) dead = true;
    if (fatal && mode === 'before-send') {
      landed();
      return never();
    }
    onTheWire++;
    let answer: { status: number; headers: Headers; text: string } | undefined;
    try {
      const response = await undiciFetch(url, { ...init, dispatcher: agent });
      answer = { status: response.status, headers: response.headers, text: await response.text() };
    } catch (error) {
      if (!dead) throw error;
    } finally {
      onTheWire--;
      landed();
    }
    if (dead || !answer) return never();
    const { text } = answer;
    return { status: answer.status, headers: answer.headers, text: async () => text };
  };
  // After death the store refuses every new statement: a dead process writes nothing more.
  const deathPlugin: KyselyPlugin = {
    transformQuery: (args) => {
      if (dead) throw new ProcessDied('the sync process is dead');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const tokens = createAppTokenProvider({
    tenantId: config.microsoft.tenantId,
    clientId: config.microsoft.clientId,
    authorityHost: config.microsoft.authorityHost,
    graphEndpoint: config.microsoft.graphEndpoint,
    credential,
    caPem,
  });
  const graph = new GraphClient({ graphEndpoint: config.microsoft.graphEndpoint, tokenProvider: tokens, fetch });
  const db = store.db.withPlugin(deathPlugin);
  const executor = new PlanExecutor({
    client: graph,
    db,
    onUserDelete: config.sync.onUserDelete,
    batchSize: config.sync.batchSize,
    maxConcurrentBatches: config.sync.maxConcurrentMailboxes,
    maxAttempts: config.sync.maxAttempts,
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    dead = true;
    await tokens.close();
    await agent.destroy();
  };
  return {
    engine: { config, store: { ...store, db }, source, graph, executor, categories: new CategoryKeeper(), close },
    dieAfter: (requests, deathMode) => {
      fuse = requests;
      mode = deathMode;
      return died;
    },
    disarm: () => {
      fuse = Number.POSITIVE_INFINITY;
    },
    dead: () => dead,
    close,
  };
}

// The web part of `serve`: src/web's app (sign-in, people's and admins' pages, the push API) on `web.port`, its
// `enqueue` going to the job queue. Loaded only when asked for, so a `worker` process never loads the web code.
import type { PgBoss } from 'pg-boss';
import type { Config } from '../config/index.ts';
import { enqueuePersonSync } from '../jobs/enqueue-person-sync.ts';
import type { Engine } from '../sync/engine.ts';
import type { WebDeps } from '../web/app.ts';
import type { DemoHint } from '../web/demo-accounts.ts';

export interface WebServerOptions {
  readonly config: Config;
  readonly engine: Engine;
  readonly boss: PgBoss;
  readonly port: number;
  /** Default all interfaces. */
  readonly host?: string;
  readonly log: (line: string) => void;
  /** The demo's accounts for the start page (`timetable-sync demo` only). */
  readonly demo?: DemoHint;
}

export interface WebServer {
  readonly url: string;
  close(): Promise<void>;
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const { buildWebApp } = await import('../web/app.ts');
  const { boss } = options;
  const deps: WebDeps = {
    engine: options.engine,
    config: options.config,
    // A push, a person's or an admin's request: ahead of scheduled work, folded into a job already waiting.
    enqueue: async (personId, kind, reason = 'manual') => {
      await enqueuePersonSync(boss, personId, reason, { kind });
    },
    log: options.log,
    ...(options.demo ? { demo: options.demo } : {}),
  };
  const app = await buildWebApp(deps);
  const url = await app.listen({ port: options.port, host: options.host ?? '0.0.0.0' });
  options.log(`web: listening on ${url} (public URL ${options.config.web.publicUrl})`);
  return { url, close: () => app.close() };
}

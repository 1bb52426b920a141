// `GET /health`: 200 `{status: 'ok', database, queue}` when the database and the job queue answer, else 503 with
// which one did not. `GET /metrics`: Prometheus text, for scrapers on the same machine (loopback) or presenting an
// API key (`Authorization: Bearer …`), so counts of people and errors are not public.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WebContext } from '../web-context.ts';
import { ApiError } from './api-error.ts';
import { authenticateApiKey } from './api-keys.ts';
import { prometheusText } from './prometheus-text.ts';
import { pingDatabase, queueDepth, serviceStats } from './service-stats.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

export function registerHealthAndMetrics(app: FastifyInstance, context: WebContext): void {
  const { db, schema } = context.engine.store;
  const noCsrf = { config: { csrf: false } };

  app.get('/health', noCsrf, async (_request, reply) => {
    const database = await reachable(() => pingDatabase(db));
    const queue = database === 'ok' ? await reachable(() => queueDepth(db, schema)) : 'unreachable';
    const ok = database === 'ok' && queue === 'ok';
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ status: ok ? 'ok' : 'unavailable', database, queue });
  });

  app.get('/metrics', noCsrf, async (request, reply) => {
    if (!(await mayReadMetrics(context, request))) {
      throw new ApiError('UNAUTHORIZED', '/metrics is open to this machine (loopback) or with an API key');
    }
    const stats = await serviceStats(db, schema);
    return reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(prometheusText(stats));
  });
}

async function mayReadMetrics(context: WebContext, request: FastifyRequest): Promise<boolean> {
  if (request.headers.authorization !== undefined) {
    return (
      (await authenticateApiKey(context.engine.store.db, request.headers.authorization, context.now())) !== undefined
    );
  }
  return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
}

async function reachable(check: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await check();
    return 'ok';
  } catch {
    // The answer itself says what is down; the cause is for the database's or queue's own logs.
    return 'unreachable';
  }
}

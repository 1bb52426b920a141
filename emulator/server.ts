// The emulator's HTTPS server: Entra ID routes, Graph v1.0 routes and the loopback-only inspection API.
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance } from 'fastify';
import type { EmulatorContext } from './context.ts';
import { registerEntraRoutes } from './entra/routes.ts';
import { registerGraphRoutes } from './graph/routes.ts';
import { registerInspectionRoutes } from './inspection/routes.ts';
import type { TlsMaterial } from './tls.ts';

export async function buildServer(context: EmulatorContext, tls: TlsMaterial): Promise<FastifyInstance> {
  const app = Fastify({
    https: { cert: tls.certPem, key: tls.keyPem },
    logger: false,
    bodyLimit: 8 * 1024 * 1024,
    keepAliveTimeout: 75_000,
    // Graph answers a body on every error; fastify's own 404 is replaced below.
    return503OnClosing: false,
  });
  await app.register(formbody);
  app.addHook('onRequest', async () => {
    context.stats.httpRequests++;
  });
  registerEntraRoutes(app, context);
  registerGraphRoutes(app, context);
  registerInspectionRoutes(app, context);
  return app;
}

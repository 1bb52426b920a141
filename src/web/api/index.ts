// The machine-facing endpoints, registered by buildWebApp after the pages (see docs/api.md):
// - /api/v1 (API keys, `Authorization: Bearer <key>`): `PUT /people/{id}/timetable` and `POST /events:changed`
//   (the push source), `POST /people/{id}/sync` (re-read one person now).
// - `GET /ical/{secret}.ics`: a person's feed; the secret is the credential.
// - `GET /health` and `GET /metrics` (loopback or an API key).
// Each part is its own fastify plugin with a JSON error handler (the HTML error pages are for the browser routes);
// none of them is a form, so every route opts out of CSRF.
import type { FastifyInstance } from 'fastify';
import type { WebContext } from '../web-context.ts';
import { ApiError, apiErrorHandler, sendApiError } from './api-error.ts';
import { authenticateApiKey } from './api-keys.ts';
import { registerHealthAndMetrics } from './health-metrics-routes.ts';
import { registerIcalRoute } from './ical-route.ts';
import { registerPushRoutes } from './push-routes.ts';
import { apiRouteOptions } from './route-options.ts';
import { registerSyncRoute } from './sync-route.ts';

/** Push API calls per client address per minute. */
export const PUSH_RATE_PER_MINUTE = 1200;

export function registerApiRoutes(app: FastifyInstance, context: WebContext): void {
  const onError = apiErrorHandler(context.log);
  app.register(
    async (api) => {
      api.setErrorHandler(onError);
      api.setNotFoundHandler((_request, reply) =>
        sendApiError(reply, new ApiError('NOT_FOUND', 'there is no API call at this address')),
      );
      api.addHook('onRequest', async (request, reply) => {
        const key = await authenticateApiKey(context.engine.store.db, request.headers.authorization, context.now());
        if (!key) {
          return sendApiError(
            reply,
            new ApiError(
              'UNAUTHORIZED',
              'send a valid API key: Authorization: Bearer <key> (timetable-sync api-key create NAME)',
            ),
          );
        }
        return undefined;
      });
      const options = apiRouteOptions(PUSH_RATE_PER_MINUTE);
      registerPushRoutes(api, context, options);
      registerSyncRoute(api, context, options);
    },
    { prefix: '/api/v1' },
  );
  app.register(async (machine) => {
    machine.setErrorHandler(onError);
    registerIcalRoute(machine, context);
    registerHealthAndMetrics(machine, context);
  });
}

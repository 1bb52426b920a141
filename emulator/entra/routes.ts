// Entra ID v2.0 endpoints: discovery, keys, authorize (sign-in and consent pages) and token.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { AuthorizationState } from './authorization-state.ts';
import { registerAuthorizeRoutes } from './authorize-endpoint.ts';
import { registerDiscoveryRoutes } from './discovery.ts';
import { registerTokenRoute } from './token-endpoint.ts';

export function registerEntraRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const state = new AuthorizationState();
  registerDiscoveryRoutes(app, context);
  registerAuthorizeRoutes(app, context, state);
  registerTokenRoute(app, context, state);
}

// Entra ID v2.0 endpoints: discovery, keys, authorize (sign-in and consent pages) and token.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';

export function registerEntraRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}

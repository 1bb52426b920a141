// `/_emulator/`: loopback-only routes for tests, benchmarks and the demo to look inside and change things:
// counters, limits and faults at run time, reset, refresh-token and consent revocation, and (mailbox-routes.ts)
// the mailboxes' events.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { EmulatorContext } from '../context.ts';
import type { User } from '../directory.ts';
import { throttleOf } from '../graph/throttling.ts';
import { describeIssues, faultsSchema, limitsSchema } from '../seed.ts';
import { refuseRemoteClients } from './loopback-only.ts';
import { registerMailboxInspectionRoutes } from './mailbox-routes.ts';
import { resetEmulator } from './reset-emulator.ts';

export function registerInspectionRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.register(async (inspection) => {
    inspection.addHook('onRequest', refuseRemoteClients);

    inspection.get('/_emulator/health', async () => ({ status: 'ok' }));

    inspection.get<{ Querystring: { gc?: string } }>('/_emulator/stats', async (request) => {
      // With `?gc=1` and node --expose-gc, heap figures are taken after a full collection (for the benchmark).
      const gc = (globalThis as { gc?: () => void }).gc;
      if (request.query.gc && gc) gc();
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      let storedEvents = 0;
      for (const mailbox of context.mailboxes.values()) storedEvents += mailbox.events.size;
      return {
        ...context.stats.report(),
        inFlight: throttleOf(context).inFlight(),
        limits: context.limits,
        faults: context.faults,
        mailboxes: context.mailboxes.size,
        storedEvents,
        process: {
          heapUsedBytes: memory.heapUsed,
          heapTotalBytes: memory.heapTotal,
          rssBytes: memory.rss,
          cpuUserMicros: cpu.user,
          cpuSystemMicros: cpu.system,
          collectedGarbage: Boolean(request.query.gc && gc),
        },
      };
    });

    // Keys left out keep their current value; the result is checked as the seed's `limits` / `faults` would be.
    inspection.put('/_emulator/limits', async (request, reply) => {
      const limits = parseChange(limitsSchema, context.limits, request.body, 'limits', reply);
      if (!limits) return reply;
      context.limits = limits;
      return limits;
    });
    inspection.put('/_emulator/faults', async (request, reply) => {
      const faults = parseChange(faultsSchema, context.faults, request.body, 'faults', reply);
      if (!faults) return reply;
      context.setFaults(faults);
      return faults;
    });

    inspection.post('/_emulator/reset', async () => {
      resetEmulator(context);
      return { reset: true };
    });

    inspection.post<{ Params: { user: string } }>(
      '/_emulator/users/:user/revoke-refresh-tokens',
      async (request, reply) => invalidateRefreshTokens(context, request.params.user, 'revoked', reply),
    );
    inspection.post<{ Params: { user: string } }>(
      '/_emulator/users/:user/expire-refresh-tokens',
      async (request, reply) => invalidateRefreshTokens(context, request.params.user, 'expired', reply),
    );
    inspection.post<{ Params: { user: string }; Body: { clientId?: unknown } | undefined }>(
      '/_emulator/users/:user/revoke-consent',
      async (request, reply) => {
        const user = findUser(context, request.params.user);
        if (!user) return notFound(reply, request.params.user);
        const clientId = request.body?.clientId;
        if (clientId !== undefined && typeof clientId !== 'string') {
          return reply.code(400).send(inspectionError('BadRequest', 'clientId: must be a string'));
        }
        const consents = context.identity.revokeConsent(user.id, clientId);
        context.changed();
        return { user: user.id, consentsRevoked: consents };
      },
    );

    registerMailboxInspectionRoutes(inspection, context);
  });
}

function invalidateRefreshTokens(
  context: EmulatorContext,
  key: string,
  state: 'revoked' | 'expired',
  reply: FastifyReply,
): FastifyReply | { user: string; refreshTokens: number } {
  const user = findUser(context, key);
  if (!user) return notFound(reply, key);
  const refreshTokens = context.identity.invalidateRefreshTokens(user.id, state);
  context.changed();
  return { user: user.id, refreshTokens };
}

/** Merges a change into the current value and validates the result; on failure answers 400 naming the key. */
function parseChange<T extends object>(
  schema: z.ZodType<T>,
  current: T,
  body: unknown,
  name: string,
  reply: FastifyReply,
): T | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    reply.code(400).send(inspectionError('BadRequest', `${name}: the body must be a JSON object`));
    return undefined;
  }
  const result = schema.safeParse({ ...current, ...body });
  if (result.success) return result.data;
  reply.code(400).send(inspectionError('BadRequest', `${name} are invalid:\n${describeIssues(result.error.issues)}`));
  return undefined;
}

/** A user by id or user principal name, in any tenant. */
function findUser(context: EmulatorContext, key: string): User | undefined {
  for (const tenant of context.directory.tenants) {
    const user = context.directory.user(tenant, key);
    if (user) return user;
  }
  return undefined;
}

function notFound(reply: FastifyReply, key: string): FastifyReply {
  return reply.code(404).send(inspectionError('NotFound', `No user ${key} in any tenant of the seed.`));
}

function inspectionError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

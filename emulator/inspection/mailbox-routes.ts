// `/_emulator/mailboxes/:user/…`: loopback-only routes that show every event of a mailbox in full (extended
// properties and writers included) and let tests act as the mailbox owner in Outlook: create, edit, delete.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EmulatorContext } from '../context.ts';
import { renderCategory } from '../graph/category-resources.ts';
import { createEvent, deleteEvent, type MailboxScope, updateEvent } from '../graph/event-store.ts';
import { inspectEvent } from '../graph/event-view.ts';
import { GraphError } from '../graph/graph-error.ts';
import { refuseRemoteClients } from './loopback-only.ts';

const owner = { kind: 'owner' } as const;

interface Answer {
  readonly status: number;
  readonly body?: unknown;
}

/**
 * Routes (`:user` is an id or user principal name, in any tenant):
 * GET and POST `…/:user/events`, PATCH and DELETE `…/:user/events/:id`, GET `…/:user/categories`.
 * One wildcard route parses the rest of the path itself, because event ids are longer than fastify's
 * default limit for a path parameter.
 */
export function registerMailboxInspectionRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.route({
    method: ['GET', 'POST', 'PATCH', 'DELETE'],
    url: '/_emulator/mailboxes/*',
    // Checked here as well, so these routes stay loopback-only wherever they are registered.
    onRequest: refuseRemoteClients,
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const rest = (request.params as { '*': string })['*'];
      try {
        const { status, body } = answer(context, request.method, rest.split('/'), request.body);
        return body === undefined ? reply.code(status).send() : reply.code(status).send(body);
      } catch (error) {
        if (error instanceof GraphError) return reply.code(error.status).send(error.toResponse().body);
        throw error;
      }
    },
  });
}

function answer(context: EmulatorContext, method: string, segments: readonly string[], body: unknown): Answer {
  const [user = '', collection, id, ...extra] = segments;
  if (extra.length > 0 || (collection !== 'events' && collection !== 'categories')) {
    throw new GraphError(
      404,
      'NotFound',
      `No inspection route for ${method} /_emulator/mailboxes/${segments.join('/')}.`,
    );
  }
  const scope = findMailbox(context, user);
  if (collection === 'categories' && id === undefined && method === 'GET') {
    return { status: 200, body: { value: scope.mailbox.categories.map(renderCategory) } };
  }
  if (collection === 'events' && id === undefined) {
    if (method === 'GET') {
      return { status: 200, body: { value: [...scope.mailbox.events.values()].map((e) => inspectEvent(scope, e)) } };
    }
    if (method === 'POST')
      return { status: 201, body: inspectEvent(scope, createEvent(context, scope, body, owner).event) };
  }
  if (collection === 'events' && id !== undefined) {
    if (method === 'PATCH')
      return { status: 200, body: inspectEvent(scope, updateEvent(context, scope, id, body, owner)) };
    if (method === 'DELETE') {
      deleteEvent(context, scope, id);
      return { status: 204 };
    }
  }
  throw new GraphError(
    405,
    'MethodNotAllowed',
    `${method} is not supported on /_emulator/mailboxes/${segments.join('/')}.`,
  );
}

/** The mailbox of a user named by id or user principal name, in whichever tenant they are. */
export function findMailbox(context: EmulatorContext, key: string): MailboxScope {
  for (const tenant of context.directory.tenants) {
    const user = context.directory.user(tenant, key);
    if (!user) continue;
    const mailbox = context.mailbox(tenant, user);
    if (!mailbox) {
      throw new GraphError(404, 'MailboxNotEnabledForRESTAPI', `User '${key}' has no Exchange Online mailbox.`);
    }
    return { tenant, user, mailbox };
  }
  throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${key}' is invalid.`);
}

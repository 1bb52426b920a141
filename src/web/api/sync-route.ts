// `POST /api/v1/people/{id}/sync`: re-read this person from the source now (a pull source: json, ics,
// mytimetable; with push the stored timetable is re-read). 202 once queued; 404 for a person neither the store
// nor a source that lists its people knows.
import type { FastifyInstance } from 'fastify';
import { canListPeople } from '../../source/timetable-source.ts';
import { getPerson, upsertPeople } from '../../store/person.repository.ts';
import type { WebContext } from '../web-context.ts';
import { ApiError } from './api-error.ts';
import { type ApiRouteOptions, enqueueAll } from './route-options.ts';

export function registerSyncRoute(api: FastifyInstance, context: WebContext, options: ApiRouteOptions): void {
  const db = context.engine.store.db;
  api.post<{ Params: { id: string } }>('/people/:id/sync', options.call, async (request, reply) => {
    const personId = request.params.id;
    if (!(await getPerson(db, personId))) {
      const source = context.engine.source;
      const listed = canListPeople(source)
        ? (await source.listPeople()).find((person) => person.id === personId)
        : undefined;
      if (!listed || context.config.microsoft.auth !== 'application') {
        throw new ApiError('NOT_FOUND', `there is no person ${personId}`);
      }
      await upsertPeople(db, [{ id: listed.id, mailbox: listed.mailbox, authMode: 'application' }]);
    }
    const queued = await enqueueAll(context, [personId], 'manual');
    if (!queued) throw new ApiError('UNAVAILABLE', 'the sync could not be queued; try again in a moment');
    return reply.code(202).send({ personId, queued });
  });
}

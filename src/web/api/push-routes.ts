// The push API (`source.type: push`): `PUT /api/v1/people/{id}/timetable` replaces one person's timetable and
// `POST /api/v1/events:changed` upserts or removes events of many people. Each call is validated whole, written in
// one transaction (nothing half-written), and then queues a sync of every person it touched.
import type { FastifyInstance } from 'fastify';
import { inTransaction } from '../../store/in-transaction.ts';
import { getPushedTimetablesForUpdate, putPushedTimetable } from '../../store/pushed-timetable.repository.ts';
import type { WebContext } from '../web-context.ts';
import { ApiError } from './api-error.ts';
import { MAX_EVENTS_PER_PERSON, parseEventChanges, parseTimetablePush, type StoredEvent } from './push-body.ts';
import { type ApiRouteOptions, enqueueAll } from './route-options.ts';
import { storePushedTimetable } from './store-pushed-timetable.ts';

export function registerPushRoutes(api: FastifyInstance, context: WebContext, options: ApiRouteOptions): void {
  const db = context.engine.store.db;
  const requirePush = () => {
    if (context.config.source.type !== 'push') {
      throw new ApiError(
        'WRONG_SOURCE',
        `this service reads timetables from its ${context.config.source.type} source; set source.type: push to push them`,
      );
    }
  };

  api.put<{ Params: { id: string } }>('/people/:id/timetable', options.push, async (request, reply) => {
    requirePush();
    const push = parseTimetablePush(request.body, request.params.id);
    await storePushedTimetable(db, push, context.config.microsoft.auth, context.now());
    const queued = await enqueueAll(context, [push.personId], 'push');
    return reply.code(202).send({ personId: push.personId, events: push.events.length, queued });
  });

  api.post('/events:changed', options.push, async (request, reply) => {
    requirePush();
    const changes = parseEventChanges(request.body);
    const results = await inTransaction(db, async (trx) => {
      const stored = await getPushedTimetablesForUpdate(
        trx,
        changes.map((change) => change.personId),
      );
      const unknown = changes.findIndex((change) => !stored.has(change.personId));
      if (unknown >= 0) {
        const personId = changes[unknown]?.personId;
        throw new ApiError('INVALID_REQUEST', `no timetable was pushed for ${personId}; PUT it first`, [
          { path: `changes[${unknown}].personId`, message: `no timetable was pushed for ${personId}; PUT it first` },
        ]);
      }
      const out: { personId: string; upserted: number; removed: number; events: number }[] = [];
      for (const change of changes) {
        const current = stored.get(change.personId);
        if (!current) continue;
        const byId = new Map<string, StoredEvent>(
          current.events.map((event) => [String(event.id), event as StoredEvent]),
        );
        let removed = 0;
        for (const id of change.removedEventIds) if (byId.delete(id)) removed++;
        for (const event of change.upserts) byId.set(event.id, event);
        if (byId.size > MAX_EVENTS_PER_PERSON) {
          throw new ApiError(
            'INVALID_REQUEST',
            `${change.personId} would have more than ${MAX_EVENTS_PER_PERSON} events`,
          );
        }
        await putPushedTimetable(trx, { ...current, events: [...byId.values()] }, context.now());
        out.push({ personId: change.personId, upserted: change.upserts.length, removed, events: byId.size });
      }
      return out;
    });
    const queued = await enqueueAll(
      context,
      results.map((result) => result.personId),
      'push',
    );
    return reply.code(202).send({ people: results, queued });
  });
}

// `GET /ical/{secret}.ics`: a person's timetable in the sync window, read from the timetable source, as
// iCalendar. The secret (192 random bits, src/web/feed-secret.ts) is the only credential: unknown or rotated → 404.
// An ETag (hash of the body) lets calendar apps poll cheaply.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { syncWindow } from '../../model/sync-window.ts';
import { SourceError } from '../../source/source-error.ts';
import { getPerson } from '../../store/person.repository.ts';
import { personIdForFeedSecret } from '../feed-secret.ts';
import type { WebContext } from '../web-context.ts';
import { ApiError } from './api-error.ts';
import { icalCalendar } from './ical-calendar.ts';

export function registerIcalRoute(app: FastifyInstance, context: WebContext): void {
  const db = context.engine.store.db;
  app.get<{ Params: { file: string } }>(
    '/ical/:file',
    { config: { csrf: false, rateLimit: { max: 120, timeWindow: 60_000 } } },
    async (request, reply) => {
      const secret = /^(.+)\.ics$/.exec(request.params.file)?.[1];
      const personId = secret === undefined ? undefined : await personIdForFeedSecret(db, secret);
      const person = personId === undefined ? undefined : await getPerson(db, personId);
      if (!person) throw new ApiError('NOT_FOUND', 'there is no feed at this address (it may have been replaced)');
      const now = context.now();
      const { pastDays, futureDays } = context.config.sync;
      let result: Awaited<ReturnType<typeof context.engine.source.read>>;
      try {
        result = await context.engine.source.read(person, syncWindow(now, pastDays, futureDays));
      } catch (error) {
        if (error instanceof SourceError) {
          context.log(`ical: cannot read ${person.id}'s timetable: ${error.message}`);
          throw new ApiError('UNAVAILABLE', 'the timetable cannot be read right now; try again later');
        }
        throw error;
      }
      const events = result.kind === 'timetable' ? result.events : [];
      const body = icalCalendar(events, { name: 'Timetable', now });
      // The stamp changes every request; the ETag is over the events only.
      const etag = `"${createHash('sha256')
        .update(body.replace(/^DTSTAMP:.*$/gm, ''))
        .digest('base64url')
        .slice(0, 27)}"`;
      reply.headers({
        etag,
        'cache-control': 'private, max-age=300',
        'x-robots-tag': 'noindex',
        'referrer-policy': 'no-referrer',
      });
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
}

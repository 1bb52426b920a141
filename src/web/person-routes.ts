// The person's own pages under /me. Every route works on the session's person only: no route takes a person id,
// and ids posted in forms are never read.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { syncWindow } from '../model/sync-window.ts';
import {
  listRuns,
  loadEventStates,
  type PersonRecord,
  type PersonSettings,
  updatePersonSettings,
} from '../store/index.ts';
import { requireSignedIn, type Visitor } from './access.ts';
import { disconnectPerson } from './disconnect-person.ts';
import { feedSecret, feedUrl } from './feed-secret.ts';
import { html } from './html.ts';
import { renderPage } from './layout.ts';
import { noticeFrom } from './notices.ts';
import { personPageBody } from './person-page.ts';
import type { WebContext } from './web-context.ts';
import { WebError } from './web-error.ts';

type Form = Record<string, string | string[] | undefined>;

export function registerPersonRoutes(app: FastifyInstance, context: WebContext): void {
  const { db } = context.engine.store;

  app.get('/me', async (request, reply) => {
    const visitor = await requireSignedIn(context, request, reply);
    reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
    if (!visitor.person)
      return renderPage({ title: 'No timetable', viewer: visitor.viewer, body: noTimetable(visitor) });
    const person = visitor.person;
    const mode = person.authMode;
    const tokens = context.engine.delegated?.tokens;
    const [runs, states, activityTypes, secret, connected] = await Promise.all([
      listRuns(db, person.id, { limit: 15 }),
      loadEventStates(db, person.id),
      timetableActivityTypes(context, person),
      feedSecret(db, context.secrets, person.id),
      mode === 'delegated' && tokens ? tokens.isConnected(person.id) : Promise.resolve(true),
    ]);
    return renderPage({
      title: 'Your timetable in Outlook',
      viewer: visitor.viewer,
      current: 'me',
      notice: noticeFrom(request.query),
      body: personPageBody({
        person,
        mode,
        connected,
        runs,
        eventCount: states.filter((state) => state.userDeletedHash === null).length,
        policy: context.config.web.personSettings,
        defaultReminder: context.config.mapping.reminderMinutes,
        activityTypes,
        feedUrl: feedUrl(context.config.web.publicUrl, secret),
        csrf: visitor.csrf,
      }),
    });
  });

  app.post('/me/settings', async (request, reply) => {
    const person = await requirePerson(context, request, reply);
    await updatePersonSettings(db, person.id, settingsFrom(context, person, request.body as Form));
    await context.enqueue(person.id, 'sync');
    return reply.redirect('/me?done=settings-saved', 303);
  });

  app.post('/me/sync', async (request, reply) => {
    const person = await requirePerson(context, request, reply);
    await context.enqueue(person.id, 'sync');
    return reply.redirect('/me?done=sync-queued', 303);
  });

  app.post('/me/reset', async (request, reply) => {
    const person = await requirePerson(context, request, reply);
    await context.enqueue(person.id, 'reset');
    return reply.redirect('/me?done=reset-queued', 303);
  });

  app.post('/me/feed', async (request, reply) => {
    const person = await requirePerson(context, request, reply);
    await feedSecret(db, context.secrets, person.id, { rotate: true });
    return reply.redirect('/me?done=feed-rotated', 303);
  });

  app.post('/me/disconnect', async (request, reply) => {
    const person = await requirePerson(context, request, reply);
    if (person.authMode !== 'delegated') {
      throw new WebError('BAD_REQUEST', 'Cannot disconnect', 'Your institution connects your calendar for you.');
    }
    if ((request.body as Form | undefined)?.confirm !== 'yes') {
      throw new WebError('BAD_REQUEST', 'Not disconnected', 'Tick the box to confirm, then press Disconnect.');
    }
    const result = await disconnectPerson(context, person);
    return reply.redirect(
      result.done ? `/me?done=disconnected&n=${result.removed}` : '/me?done=disconnect-failed',
      303,
    );
  });
}

async function requirePerson(context: WebContext, request: FastifyRequest, reply: FastifyReply): Promise<PersonRecord> {
  const visitor = await requireSignedIn(context, request, reply);
  if (!visitor.person) {
    throw new WebError('FORBIDDEN', 'No timetable', 'There is no timetable for your account here.');
  }
  return visitor.person;
}

/** The new settings from the form, kept within what the institution allows; anything else is refused. */
function settingsFrom(context: WebContext, person: PersonRecord, form: Form | undefined): PersonSettings {
  const policy = context.config.web.personSettings;
  const settings: { reminderMinutes?: number; activityTypes?: readonly string[]; categories?: boolean } = {
    ...person.settings,
  };
  const reminder = form?.reminderMinutes;
  if (typeof reminder === 'string' && policy.reminderMinutes.length > 0) {
    const minutes = reminder === 'none' ? null : Number(reminder);
    if (minutes === context.config.mapping.reminderMinutes) delete settings.reminderMinutes;
    else if (minutes === null) throw new WebError('BAD_REQUEST', 'Setting not saved', 'That reminder is not offered.');
    else if (policy.reminderMinutes.includes(minutes)) settings.reminderMinutes = minutes;
    else throw new WebError('BAD_REQUEST', 'Setting not saved', 'That reminder is not one of the choices offered.');
  }
  if (policy.activityTypes && form?.activityTypesShown === 'yes') {
    const chosen = [form.activityTypes ?? []].flat().filter((type) => type.length > 0 && type.length <= 200);
    if (chosen.length === 0) {
      throw new WebError(
        'BAD_REQUEST',
        'Setting not saved',
        'Choose at least one activity type to keep in your calendar.',
      );
    }
    settings.activityTypes = chosen;
  }
  if (policy.categories) settings.categories = form?.categories === 'on';
  return settings;
}

/** The activity types of the person's timetable now, plus any they chose (so they can switch one back on). */
async function timetableActivityTypes(context: WebContext, person: PersonRecord): Promise<string[]> {
  const { sync } = context.config;
  const types = new Map<string, string>();
  try {
    const read = await context.engine.source.read(person, syncWindow(context.now(), sync.pastDays, sync.futureDays));
    if (read.kind === 'timetable') {
      for (const event of read.events)
        if (event.activityType) types.set(event.activityType.toLowerCase(), event.activityType);
    }
  } catch (error) {
    context.log(`web: could not read the timetable of ${person.id} for the settings form: ${(error as Error).message}`);
  }
  for (const type of person.settings.activityTypes ?? [])
    if (!types.has(type.toLowerCase())) types.set(type.toLowerCase(), type);
  return [...types.values()].sort((a, b) => a.localeCompare(b));
}

function noTimetable(visitor: Visitor) {
  return html`<section class="card">
  <p>You are signed in as ${visitor.session.upn}, but the timetable has no events for this account, so there is
  nothing to put in your calendar. If you think that is wrong, ask your timetabling office.</p>
  ${visitor.isAdmin && html`<p><a href="/admin">Go to the dashboard</a></p>`}
</section>`;
}

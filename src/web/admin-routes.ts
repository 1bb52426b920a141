// The admin pages under /admin: dashboard, people (search, detail) and the actions on one person. Sync and
// reconcile are queued; a dry run, a purge and an approved plan run here and now, since the admin waits for the
// answer. Every route needs an admin.
import type { FastifyInstance } from 'fastify';
import {
  activityPerHour,
  dashboardCounts,
  failedWritesByCode,
  failureCauses,
  getOpenPlan,
  getPerson,
  listGraphWrites,
  listOpenPlans,
  listRuns,
  loadEventStates,
  PERSON_STATUSES,
  type PersonStatus,
  recordPersonStatus,
  resolvePlan,
  searchPeople,
} from '../store/index.ts';
import { purgePerson } from '../sync/purge-person.ts';
import { syncPerson } from '../sync/sync-person.ts';
import { requireAdmin } from './access.ts';
import { dashboardBody } from './admin-dashboard-page.ts';
import { peopleBody } from './admin-people-page.ts';
import { adminPersonBody } from './admin-person-page.ts';
import { credentialStatus } from './certificate-status.ts';
import { dryRunBody } from './dry-run-page.ts';
import { renderPage } from './layout.ts';
import { noticeFrom } from './notices.ts';
import type { WebContext } from './web-context.ts';
import { WebError } from './web-error.ts';

const PAGE_SIZE = 50;

interface PersonRoute {
  Params: { id: string };
}

interface PlanRoute {
  Params: { id: string; planId: string };
}

export function registerAdminRoutes(app: FastifyInstance, context: WebContext): void {
  const { db } = context.engine.store;
  const html = { 'cache-control': 'no-store', 'content-type': 'text/html; charset=utf-8' };

  const personOr404 = async (id: string) => {
    const person = await getPerson(db, id);
    if (!person) throw new WebError('NOT_FOUND', 'No such person', `There is no person ${id}.`);
    return person;
  };
  const detail = (id: string, done: string, n?: number) =>
    `/admin/people/${encodeURIComponent(id)}?done=${done}${n === undefined ? '' : `&n=${n}`}`;

  app.get('/admin', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const now = context.now();
    const since = new Date(now.getTime() - 23 * 3_600_000);
    const [counts, activity, credential, causes, failedWrites, openPlans] = await Promise.all([
      dashboardCounts(db),
      activityPerHour(db, { since, until: now }),
      credentialStatus(context.config, now),
      failureCauses(db),
      failedWritesByCode(db, new Date(now.getTime() - 24 * 3_600_000)),
      listOpenPlans(db),
    ]);
    return reply.headers(html).send(
      renderPage({
        title: 'Dashboard',
        viewer: visitor.viewer,
        current: 'admin',
        body: dashboardBody({ counts, activity, credential, causes, failedWrites, openPlans }),
      }),
    );
  });

  app.get('/admin/people', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const query = request.query as Record<string, unknown>;
    const text = typeof query.q === 'string' ? query.q.trim().slice(0, 200) : '';
    const status = PERSON_STATUSES.includes(query.status as PersonStatus) ? (query.status as PersonStatus) : undefined;
    const offset = typeof query.offset === 'string' && /^\d{1,7}$/.test(query.offset) ? Number(query.offset) : 0;
    const found = await searchPeople(db, {
      ...(text ? { query: text } : {}),
      ...(status ? { status } : {}),
      limit: PAGE_SIZE,
      offset,
    });
    return reply.headers(html).send(
      renderPage({
        title: 'People',
        viewer: visitor.viewer,
        current: 'people',
        body: peopleBody({ query: text, status, ...found, offset, pageSize: PAGE_SIZE }),
      }),
    );
  });

  app.get<PersonRoute>('/admin/people/:id', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    const [runs, writes, plan, states] = await Promise.all([
      listRuns(db, person.id, { limit: 20 }),
      listGraphWrites(db, { personId: person.id, limit: 100 }),
      getOpenPlan(db, person.id),
      loadEventStates(db, person.id),
    ]);
    return reply.headers(html).send(
      renderPage({
        title: `Person ${person.id}`,
        viewer: visitor.viewer,
        current: 'people',
        notice: noticeFrom(request.query),
        body: adminPersonBody({
          person,
          runs,
          writes,
          plan,
          eventCount: states.filter((state) => state.userDeletedHash === null).length,
          csrf: visitor.csrf,
        }),
      }),
    );
  });

  app.post<PersonRoute>('/admin/people/:id/sync', async (request, reply) => {
    await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    await context.enqueue(person.id, 'sync');
    return reply.redirect(detail(person.id, 'sync-queued'), 303);
  });

  app.post<PersonRoute>('/admin/people/:id/reconcile', async (request, reply) => {
    await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    await context.enqueue(person.id, 'reconcile');
    return reply.redirect(detail(person.id, 'reconcile-queued'), 303);
  });

  app.post<PersonRoute>('/admin/people/:id/dry-run', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    const outcome = await syncPerson(context.engine, person, { kind: 'dry-run', now: context.now() });
    return reply.headers(html).send(
      renderPage({
        title: `Dry run for ${person.id}`,
        viewer: visitor.viewer,
        current: 'people',
        body: dryRunBody(person.id, outcome),
      }),
    );
  });

  app.post<PersonRoute>('/admin/people/:id/purge', async (request, reply) => {
    await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    if ((request.body as { confirm?: unknown } | undefined)?.confirm !== 'yes') {
      throw new WebError('BAD_REQUEST', 'Not purged', 'Tick the box to confirm the purge.');
    }
    const outcome = await purgePerson(context.engine, person, { dryRun: false });
    const done = outcome.status === 'succeeded' ? 'purged' : 'purge-failed';
    return reply.redirect(detail(person.id, done, outcome.counts.deleted), 303);
  });

  app.post<PlanRoute>('/admin/people/:id/plans/:planId/approve', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    const open = await getOpenPlan(db, person.id);
    const plan =
      open?.id === request.params.planId
        ? await resolvePlan(db, open.id, { resolution: 'approved', by: visitor.session.upn })
        : undefined;
    if (!plan) return reply.redirect(detail(person.id, 'plan-gone'), 303);
    await syncPerson(context.engine, person, {
      kind: 'sync',
      approvedDeletes: plan.summary.deletes,
      now: context.now(),
    });
    return reply.redirect(detail(person.id, 'plan-approved'), 303);
  });

  app.post<PlanRoute>('/admin/people/:id/plans/:planId/reject', async (request, reply) => {
    const visitor = await requireAdmin(context, request, reply);
    const person = await personOr404(request.params.id);
    const open = await getOpenPlan(db, person.id);
    const plan =
      open?.id === request.params.planId
        ? await resolvePlan(db, open.id, { resolution: 'rejected', by: visitor.session.upn })
        : undefined;
    if (!plan) return reply.redirect(detail(person.id, 'plan-gone'), 303);
    await recordPersonStatus(db, person.id, {
      status: 'held',
      reason: `${visitor.session.upn} rejected a plan deleting ${plan.summary.deletes} of ${plan.summary.current} events: check the timetable source; the next sync holds again while it still wants them gone.`,
      code: 'plan_rejected',
    });
    return reply.redirect(detail(person.id, 'plan-rejected'), 303);
  });
}

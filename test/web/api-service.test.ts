// The API with a pull source (json): sync now (202 / 404), /health with and without the queue and with a closed
// database, /metrics's format and who may read it, its counters through a prune, and one push through real HTTP.

import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBoss } from '../../src/jobs/open-boss.ts';
import { pruneHistory } from '../../src/store/history-retention.repository.ts';
import { runPersonJob } from '../../src/sync/person-job.ts';
import { people } from '../support/emulator.ts';
import { lectures } from '../support/engine.ts';
import { type ApiHarness, startApiHarness } from './api-harness.ts';

describe('API with a pull source, health and metrics', () => {
  let harness: ApiHarness;
  let boss: PgBoss | undefined;
  const auth = () => ({ authorization: `Bearer ${harness.key}` });

  beforeAll(async () => {
    harness = await startApiHarness({
      source: 'json',
      timetable: {
        timeZone: 'Europe/Amsterdam',
        people: [{ id: 's1', mailbox: people.s1.upn, events: lectures('s1-lec', 3) }],
      },
    });
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false });
    await harness?.close();
  });

  it('queues an immediate re-read of a person (202), 404 for an unknown one, and refuses pushes', async () => {
    const queued = await harness.app.inject({ method: 'POST', url: '/api/v1/people/s1/sync', headers: auth() });
    expect(queued.statusCode).toBe(202);
    expect(queued.json()).toEqual({ personId: 's1', queued: true });
    expect(harness.jobs).toEqual([{ personId: 's1', kind: 'sync', reason: 'manual' }]);
    const unknown = await harness.app.inject({ method: 'POST', url: '/api/v1/people/nobody/sync', headers: auth() });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
    const push = await harness.app.inject({
      method: 'PUT',
      url: '/api/v1/people/s1/timetable',
      headers: auth(),
      payload: { id: 's1', mailbox: people.s1.upn, events: [] },
    });
    expect(push.statusCode).toBe(409);
    expect((await harness.app.inject({ method: 'POST', url: '/api/v1/people/s1/sync' })).statusCode).toBe(401);
  });

  it('exposes Prometheus text to loopback or an API key only', async () => {
    const outside = await harness.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '192.0.2.7' });
    expect(outside.statusCode).toBe(401);
    const withKey = await harness.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '192.0.2.7',
      headers: auth(),
    });
    expect(withKey.statusCode).toBe(200);
    const local = await harness.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.headers['content-type']).toContain('text/plain; version=0.0.4');
    const text = local.body;
    expect(text).toContain('# TYPE timetable_sync_people gauge');
    expect(text).toContain('timetable_sync_people{status="ok"} 1');
    expect(text).toMatch(/^timetable_sync_runs_total\{kind="(sync|reconcile)",outcome="succeeded"\} 1$/m);
    expect(text).toMatch(/^timetable_sync_graph_writes_total\{action="create",status="\d{3}"\} 3$/m);
    expect(text).toMatch(/^timetable_sync_graph_throttled_total 0$/m);
    // Every line is a comment or `name{labels} value`.
    for (const line of text.trim().split('\n')) {
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|[a-z_]+(\{[a-z_]+="[^"]*"(,[a-z_]+="[^"]*")*\})? -?[0-9.e+]+|NaN)$/);
    }
  });

  it('keeps its counters where they were when the run history is pruned', async () => {
    const counters = async () => {
      const metrics = await harness.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
      return metrics.body.split('\n').filter((line) => /^timetable_sync_\w+_total[{ ]/.test(line));
    };
    const { db } = harness.engine.store;
    // The first sync (and its three creates) becomes 40 days old; a newer run lets the prune take it.
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.updateTable('syncRun').set({ startedAt: old, finishedAt: old }).execute();
    await runPersonJob(harness.engine, 's1', 'reconcile');
    const before = await counters();
    expect(before).toContainEqual(
      expect.stringMatching(/^timetable_sync_graph_writes_total\{action="create",status="\d{3}"\} 3$/),
    );
    expect(before).toContainEqual(expect.stringMatching(/^timetable_sync_graph_requests_total [1-9]\d*$/));

    const pruned = await pruneHistory(db, {
      before: new Date(Date.now() - 30 * 86_400_000),
      unchangedBefore: new Date(Date.now() - 48 * 3_600_000),
    });

    expect(pruned).toEqual({ runs: 1, writes: 3, complete: true });
    expect(await counters()).toEqual(before);
  });

  it('answers /health 503 without the queue, 200 with it, and 503 once the database is closed', async () => {
    const noQueue = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(noQueue.statusCode).toBe(503);
    expect(noQueue.json()).toEqual({ status: 'unavailable', database: 'ok', queue: 'unreachable' });
    boss = await openBoss(harness.engine.store, {
      schedule: false,
      heartbeatSeconds: 10,
      monitorIntervalSeconds: 60,
      instanceName: 'api-test',
    });
    const healthy = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(healthy.statusCode).toBe(200);
    expect(healthy.json()).toEqual({ status: 'ok', database: 'ok', queue: 'ok' });
    const metrics = await harness.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(metrics.body).toContain('timetable_sync_queue_up 1');
    expect(metrics.body).toContain('timetable_sync_change_to_outlook_seconds_count 0');
    await boss.stop({ graceful: false });
    boss = undefined;
    await harness.engine.store.close();
    const closed = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(closed.statusCode).toBe(503);
    expect(closed.json()).toEqual({ status: 'unavailable', database: 'unreachable', queue: 'unreachable' });
  });
});

describe('push through real HTTP', () => {
  let harness: ApiHarness;
  beforeAll(async () => {
    harness = await startApiHarness();
  });
  afterAll(() => harness?.close());

  it('accepts a PUT over a socket and answers JSON', async () => {
    const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const response = await fetch(`${url}/api/v1/people/s2/timetable`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${harness.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 's2',
        mailbox: people.s2.upn,
        timeZone: 'Europe/Amsterdam',
        events: lectures('s2', 2),
      }),
    });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-ratelimit-limit')).toBe('1200');
    expect(await response.json()).toEqual({ personId: 's2', events: 2, queued: true });
    const health = await fetch(`${url}/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
  });
});

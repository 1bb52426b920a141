import { describe, expect, it } from 'vitest';
import type { GraphClient, GraphRequest, GraphResponse } from '../graph/graph-client.ts';
import { GraphError } from '../graph/graph-error.ts';
import { userMailbox } from '../graph/mailbox-ref.ts';
import { CategoryKeeper, MISSING_PERMISSION_WARNING } from './category-keeper.ts';

const denied = new GraphError({ status: 403, graphCode: 'ErrorAccessDenied', message: 'Access is denied.' });

/** A Graph client with a master list per mailbox, or one that refuses it. */
function fakeGraph(options: { refuse?: boolean; lists?: Record<string, { displayName: string; color: string }[]> }) {
  const lists = options.lists ?? {};
  const requests: string[] = [];
  const listOf = (path: string) => {
    const key = path.split('/')[2] ?? '';
    lists[key] ??= [];
    return lists[key];
  };
  const client = {
    requestOk: async (request: GraphRequest) => {
      requests.push(`${request.method} ${request.path}`);
      if (options.refuse) throw denied;
      return {
        status: 200,
        headers: {},
        body: { value: listOf(request.path).map((c, i) => ({ id: `c${i}`, ...c })) },
        error: undefined,
      } satisfies GraphResponse;
    },
    batch: async (batch: readonly GraphRequest[]) =>
      batch.map((request): GraphResponse => {
        requests.push(`${request.method} ${request.path}`);
        const category = request.body as { displayName: string; color: string };
        listOf(request.path).push(category);
        return { status: 201, headers: {}, body: { id: 'new', ...category }, error: undefined };
      }),
  } as unknown as GraphClient;
  return { client, requests, lists };
}

const lecture = { displayName: 'Lecture', color: 'preset7' } as const;
const exams = { displayName: 'Exams', color: 'preset15' } as const;
const s1 = userMailbox('s1@uni.example');

describe('CategoryKeeper', () => {
  it('adds what a mailbox lacks once, then asks nothing until the set changes', async () => {
    const graph = fakeGraph({ lists: { 's1%40uni.example': [{ displayName: 'LECTURE', color: 'preset3' }] } });
    const keeper = new CategoryKeeper({ warn: () => {} });
    expect(await keeper.ensure(graph.client, s1, 's1', [lecture, exams])).toEqual({
      kind: 'ensured',
      created: ['Exams'],
    });
    expect(graph.lists['s1%40uni.example']).toEqual([
      { displayName: 'LECTURE', color: 'preset3' },
      { displayName: 'Exams', color: 'preset15' },
    ]);
    expect(await keeper.ensure(graph.client, s1, 's1', [exams, lecture])).toEqual({ kind: 'unchanged' });
    expect(graph.requests).toHaveLength(2);
    const lab = { displayName: 'Lab', color: 'preset4' } as const;
    expect(await keeper.ensure(graph.client, s1, 's1', [lecture, exams, lab])).toEqual({
      kind: 'ensured',
      created: ['Lab'],
    });
    expect(await keeper.ensure(graph.client, s1, 's1', [])).toEqual({ kind: 'none' });
  });

  it('warns once per run when the app lacks the permission, and stops asking for a while', async () => {
    let now = 0;
    const warnings: string[] = [];
    const graph = fakeGraph({ refuse: true });
    const keeper = new CategoryKeeper({ warn: (m) => warnings.push(m), now: () => now, recheckAfterMs: 60_000 });
    expect(await keeper.ensure(graph.client, s1, 's1', [lecture])).toEqual({ kind: 'denied' });
    keeper.calendarReached('s1');
    expect(await keeper.ensure(graph.client, userMailbox('s2@uni.example'), 's2', [lecture])).toEqual({
      kind: 'skipped',
    });
    keeper.calendarReached('s2');
    expect(warnings).toEqual([MISSING_PERMISSION_WARNING]);
    expect(graph.requests).toHaveLength(1);

    now = 61_000;
    keeper.beginRun();
    expect(await keeper.ensure(graph.client, s1, 's1', [lecture])).toEqual({ kind: 'denied' });
    keeper.calendarReached('s1');
    expect(warnings).toHaveLength(2);
  });

  it('does not blame the permission when the mailbox itself is out of reach (an access policy)', async () => {
    const warnings: string[] = [];
    const keeper = new CategoryKeeper({ warn: (m) => warnings.push(m) });
    const graph = fakeGraph({ refuse: true });
    expect(await keeper.ensure(graph.client, s1, 's1', [lecture])).toEqual({ kind: 'denied' });
    // The calendar failed too: no calendarReached, no conclusion, and the next person is still asked.
    expect(await keeper.ensure(graph.client, userMailbox('s2@uni.example'), 's2', [lecture])).toEqual({
      kind: 'denied',
    });
    expect(warnings).toEqual([]);
  });

  it('never throws: another failure is reported and tried again next time', async () => {
    const client = {
      requestOk: async () => {
        throw new GraphError({ status: 503, graphCode: 'ServiceUnavailable', message: 'try later' });
      },
    } as unknown as GraphClient;
    const keeper = new CategoryKeeper({ warn: () => {} });
    const first = await keeper.ensure(client, s1, 's1', [lecture]);
    expect(first.kind).toBe('failed');
    expect((await keeper.ensure(client, s1, 's1', [lecture])).kind).toBe('failed');
  });
});

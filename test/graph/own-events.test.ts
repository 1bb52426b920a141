// Listing our events by marker against the emulator: every page followed, foreign events never included, a window
// honoured, and any broken page a throw, never a partial or empty list (DESIGN invariants 2 and 4).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEventRequest, updateEventRequest, writtenEvent } from '../../src/graph/event-requests.ts';
import type { GraphClient, GraphFetch } from '../../src/graph/graph-client.ts';
import { GraphError, GraphProtocolError } from '../../src/graph/graph-error.ts';
import { type MailboxRef, userMailbox } from '../../src/graph/mailbox-ref.ts';
import { copiesFromLookup, listOwnEvents, lookupByMarkerRequest } from '../../src/graph/own-events.ts';
import { CREATED_STAMP_TOLERANCE_MS } from '../../src/mapping/marker-query.ts';
import { actAsOwner } from '../support/calendar-check.ts';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { emulatorControl, graphClientFor, lecture } from './graph-test-client.ts';

describe('listOwnEvents against the emulator', () => {
  let emulator: TestEmulator;
  let client: GraphClient;
  const s1 = userMailbox(people.s1.upn);
  const s2 = userMailbox(people.s2.upn);

  async function createOwn(mailbox: MailboxRef, count: number, prefix = 'k'): Promise<string[]> {
    const ids: string[] = [];
    for (let start = 0; start < count; start += 20) {
      const requests = Array.from({ length: Math.min(20, count - start) }, (_, i) => {
        const n = start + i;
        return createEventRequest(
          mailbox,
          lecture(`Lecture ${n}`, n),
          { sourceKey: `${prefix}${n}`, contentHash: `hash-${n}` },
          `tx-${prefix}${n}`,
        );
      });
      const results = await client.batch(requests);
      for (const result of results) ids.push(writtenEvent(result).graphId);
    }
    return ids;
  }

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulatorControl(emulator, 'POST', '/reset');
    client = await graphClientFor(emulator);
  });
  afterEach(() => client.close());

  it('follows every nextLink and returns each of our events once, with marker, hash and UTC times', async () => {
    const created = await createOwn(s1, 25);
    // A foreign event carrying some other app's property must not be listed (the seeded Dentist has none).
    await client.request({
      method: 'POST',
      path: `${s1.path}/events`,
      body: {
        ...lecture('Other app'),
        singleValueExtendedProperties: [{ id: 'String {11111111-2222-3333-4444-555555555555} Name other', value: 'x' }],
      },
    });
    await createOwn(s2, 3, 'other-person-');
    const before = client.stats.httpRequests;

    const events = await listOwnEvents(client, s1, { pageSize: 10 });

    expect(client.stats.httpRequests - before).toBe(3);
    expect(events.map((e) => e.graphId).sort()).toEqual([...created].sort());
    const e7 = events.find((e) => e.sourceKey === 'k7');
    expect(e7).toMatchObject({
      contentHash: 'hash-7',
      startUtc: '2026-12-08T09:00:00.000Z',
      endUtc: '2026-12-08T10:00:00.000Z',
      subject: 'Lecture 7',
    });
    expect(e7?.changeKey).toEqual(expect.any(String));
  });

  it('lists only events overlapping the window when one is given', async () => {
    await createOwn(s1, 10);
    const events = await listOwnEvents(client, s1, {
      window: { startUtc: '2026-12-03T09:30:00.000Z', endUtc: '2026-12-06T09:00:00.000Z' },
    });
    expect(events.map((e) => e.sourceKey).sort()).toEqual(['k2', 'k3', 'k4']);
  });

  it('tells which of our events were written after their creation, by the owner in Outlook or through Graph', async () => {
    const [untouched, byOwner, byGraph] = await createOwn(s1, 3);
    const modified = async () =>
      Object.fromEntries((await listOwnEvents(client, s1)).map((e) => [e.graphId, e.modifiedSinceCreated]));
    expect(await modified()).toEqual({
      [untouched as string]: false,
      [byOwner as string]: false,
      [byGraph as string]: false,
    });

    // The edits come later than the tolerance between a new event's two stamps (the clock moved, not waited for).
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + CREATED_STAMP_TOLERANCE_MS + 1000 });
    try {
      await actAsOwner(emulator, people.s1.upn, 'PATCH', { subject: 'My notes' }, byOwner);
      await client.request(
        updateEventRequest(s1, byGraph as string, lecture('Lecture 2, moved', 9), {
          sourceKey: 'k2',
          contentHash: 'h',
        }),
      );
    } finally {
      vi.useRealTimers();
    }
    expect(await modified()).toEqual({
      [untouched as string]: false,
      [byOwner as string]: true,
      [byGraph as string]: true,
    });
  });

  it('returns an empty list only when the calendar really holds none of ours', async () => {
    expect(await listOwnEvents(client, s2)).toEqual([]);
  });

  it('throws when a later page keeps failing (503 injected after the first page), never a partial list', async () => {
    await createOwn(s1, 25);
    let pages = 0;
    const faultAfterFirstPage: GraphFetch = async (url, init) => {
      const response = await emulator.fetch(url, init);
      if (++pages === 1) await emulatorControl(emulator, 'PUT', '/faults', { rate: 1, kinds: ['503'] });
      return response;
    };
    const flaky = await graphClientFor(emulator, {
      fetch: faultAfterFirstPage,
      retry: { maxAttempts: 3, sleep: async () => {} },
    });
    const error = await listOwnEvents(flaky, s1, { pageSize: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status: 503, mailbox: people.s1.upn });
    expect(flaky.stats.snapshot()).toMatchObject({ httpRequests: 4, retries: 2, throttled: 3 });
  });

  it('rides out a throttled page with a retry and still returns everything', async () => {
    await createOwn(s1, 25);
    let pages = 0;
    const throttleSecondPage: GraphFetch = async (url, init) => {
      pages++;
      await emulatorControl(emulator, 'PUT', '/faults', { rate: pages === 2 ? 1 : 0, kinds: ['429'] });
      return emulator.fetch(url, init);
    };
    const flaky = await graphClientFor(emulator, { fetch: throttleSecondPage });
    const events = await listOwnEvents(flaky, s1, { pageSize: 10 });
    expect(events).toHaveLength(25);
    expect(flaky.stats.snapshot()).toMatchObject({ throttled: 1, retries: 1 });
  });

  it('throws on a page that is not a listing', async () => {
    await createOwn(s1, 15);
    let pages = 0;
    const brokenSecondPage: GraphFetch = async (url, init) => {
      const response = await emulator.fetch(url, init);
      if (++pages < 2) return response;
      return { status: 200, headers: response.headers, text: async () => '{"error":"oops"}' };
    };
    const broken = await graphClientFor(emulator, { fetch: brokenSecondPage });
    await expect(listOwnEvents(broken, s1, { pageSize: 10 })).rejects.toBeInstanceOf(GraphProtocolError);
  });

  it('finds every copy of one event by its marker (the check after an ambiguous create)', async () => {
    await createOwn(s1, 3);
    // A second copy with another transactionId: what a lost answer plus a blind retry would leave behind.
    await client.batch([
      createEventRequest(s1, lecture('Lecture 1 again', 1), { sourceKey: 'k1', contentHash: 'hash-1' }, 'tx-other'),
    ]);
    const [response, none] = await client.batch([
      lookupByMarkerRequest(s1, 'k1'),
      lookupByMarkerRequest(s1, "O'Brien's key"),
    ]);
    expect(
      copiesFromLookup(response?.body, 'k1')
        .map((e) => e.subject)
        .sort(),
    ).toEqual(['Lecture 1', 'Lecture 1 again']);
    expect(none?.status).toBe(200);
    expect(copiesFromLookup(none?.body, "O'Brien's key")).toEqual([]);
  });
});

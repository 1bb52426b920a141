// The Graph client's $batch against the emulator over HTTPS: one result per item whatever happens to the others,
// throttled items with their own Retry-After, and whole-batch failures thrown as typed errors.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/graph/classify-failure.ts';
import {
  createEventRequest,
  deleteEventRequest,
  deleteSucceeded,
  updateEventRequest,
  writtenEvent,
} from '../../src/graph/event-requests.ts';
import type { GraphClient } from '../../src/graph/graph-client.ts';
import { GraphTransportError } from '../../src/graph/graph-error.ts';
import { userMailbox } from '../../src/graph/mailbox-ref.ts';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { emulatorControl, graphClientFor, lecture } from './graph-test-client.ts';

describe('GraphClient $batch against the emulator', () => {
  let emulator: TestEmulator;
  let client: GraphClient;
  const s1 = userMailbox(people.s1.upn);

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator.close());
  beforeEach(async () => {
    await emulatorControl(emulator, 'POST', '/reset');
    client = await graphClientFor(emulator);
  });
  afterEach(() => client.close());

  const create = (key: string, dayOffset = 0) =>
    createEventRequest(
      s1,
      lecture(`Lecture ${key}`, dayOffset),
      { sourceKey: key, contentHash: `h-${key}` },
      `tx-${key}`,
    );

  it('returns one result per item, in order, with failures as results instead of a throw', async () => {
    const [made] = await client.batch([create('existing')]);
    const existing = writtenEvent(made as never);
    const invalid = lecture('End before start');
    invalid.end = { dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' };

    const results = await client.batch([
      create('a'),
      createEventRequest(s1, invalid, { sourceKey: 'bad', contentHash: 'h' }, 'tx-bad'),
      deleteEventRequest(s1, 'AAMkAGnonexistent='),
      updateEventRequest(
        s1,
        existing.graphId,
        lecture('Renamed'),
        { sourceKey: 'existing', contentHash: 'h2' },
        'stale-change-key',
      ),
      create('b', 1),
    ]);

    expect(results.map((r) => r.status)).toEqual([201, 400, 404, 412, 201]);
    expect(results.map((r) => (r.error ? classifyFailure(r.error).kind : 'ok'))).toEqual([
      'ok',
      'bad-request',
      'gone',
      'conflict',
      'ok',
    ]);
    expect(deleteSucceeded(results[2] as never)).toBe(true);
    expect(results[3]?.error).toMatchObject({ graphCode: 'ErrorIrresolvableConflict', mailbox: people.s1.upn });
    const a = writtenEvent(results[0] as never);
    expect(a.graphId).not.toBe(existing.graphId);
    expect(client.stats.snapshot()).toMatchObject({ httpRequests: 2, batchItems: 6, throttled: 0 });
  });

  it('updates with the current changeKey and returns the new one', async () => {
    const [made] = await client.batch([create('u')]);
    const before = writtenEvent(made as never);
    const [updated] = await client.batch([
      updateEventRequest(
        s1,
        before.graphId,
        lecture('Updated'),
        { sourceKey: 'u', contentHash: 'h-new' },
        before.changeKey,
      ),
    ]);
    expect(updated?.status).toBe(200);
    const after = writtenEvent(updated as never);
    expect(after.graphId).toBe(before.graphId);
    expect(after.changeKey).not.toBe(before.changeKey);
  });

  it('sends the transactionId, so a repeated create returns the first event', async () => {
    const [first] = await client.batch([create('once')]);
    const [again] = await client.batch([create('once')]);
    expect(writtenEvent(again as never).graphId).toBe(writtenEvent(first as never).graphId);
  });

  it('gives every throttled item its own Retry-After', async () => {
    await emulatorControl(emulator, 'PUT', '/faults', { rate: 1, kinds: ['429'] });
    const listing = { method: 'GET' as const, path: `${s1.path}/events`, mailbox: s1.label };
    const results = await client.batch([listing, listing, listing]);
    expect(results.map((r) => r.status)).toEqual([429, 429, 429]);
    for (const result of results) {
      expect(result.error?.retryAfterMs).toBeGreaterThan(0);
      expect(classifyFailure(result.error as never)).toMatchObject({ kind: 'throttled', retryable: true });
    }
    expect(client.stats.snapshot()).toMatchObject({ httpRequests: 1, throttled: 3 });
  });

  it('throws an ambiguous transport error when the batch gets no answer in time', async () => {
    await emulatorControl(emulator, 'PUT', '/faults', { rate: 1, kinds: ['timeout'], timeoutMs: 5_000 });
    const impatient = await graphClientFor(emulator, { timeoutMs: 300 });
    try {
      const error = await impatient.batch([create('t')]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GraphTransportError);
      expect(error).toMatchObject({ failure: 'timeout' });
      expect(classifyFailure(error as GraphTransportError)).toMatchObject({ retryable: true, ambiguous: true });
    } finally {
      await impatient.close();
    }
  });

  it('throws an ambiguous transport error when the connection is dropped', async () => {
    await emulatorControl(emulator, 'PUT', '/faults', { rate: 1, kinds: ['reset'] });
    const error = await client.batch([create('r')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphTransportError);
    expect(error).toMatchObject({ failure: 'reset' });
    expect(client.stats.transportFailures).toBeGreaterThan(0);
  });
});

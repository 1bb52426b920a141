import { describe, expect, it } from 'vitest';
import { BatchScheduler, type ItemOutcome } from './batch-scheduler.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('BatchScheduler', () => {
  it('sends at most 20 items per batch and one batch at a time per mailbox', async () => {
    const sent: { mailbox: string; size: number }[] = [];
    const inFlight = new Map<string, number>();
    let maxPerMailbox = 0;
    const scheduler = new BatchScheduler<number>({
      send: async (mailbox, items) => {
        inFlight.set(mailbox, (inFlight.get(mailbox) ?? 0) + 1);
        maxPerMailbox = Math.max(maxPerMailbox, inFlight.get(mailbox) ?? 0);
        sent.push({ mailbox, size: items.length });
        await sleep(2);
        inFlight.set(mailbox, (inFlight.get(mailbox) ?? 0) - 1);
        return items.map(() => ({ kind: 'done' as const }));
      },
    });
    const [a, b] = await Promise.all([
      scheduler.submit(
        'a',
        Array.from({ length: 45 }, (_, i) => i),
      ),
      scheduler.submit(
        'b',
        Array.from({ length: 5 }, (_, i) => i),
      ),
    ]);
    expect(a.every((r) => r.kind === 'done')).toBe(true);
    expect(b).toHaveLength(5);
    expect(sent.filter((s) => s.mailbox === 'a').map((s) => s.size)).toEqual([20, 20, 5]);
    expect(maxPerMailbox).toBe(1);
  });

  it('keeps other mailboxes going while a throttled one waits for its Retry-After', async () => {
    const order: string[] = [];
    let throttledOnce = false;
    const scheduler = new BatchScheduler<string>({
      maxConcurrentBatches: 1,
      send: async (mailbox, items) => {
        order.push(mailbox);
        if (mailbox === 'slow' && !throttledOnce) {
          throttledOnce = true;
          return items.map((): ItemOutcome<string> => ({ kind: 'retry', afterMs: 50, error: new Error('429') }));
        }
        return items.map(() => ({ kind: 'done' as const }));
      },
    });
    const started = Date.now();
    const slow = scheduler.submit('slow', ['x']);
    const fast = await scheduler.submit('fast', ['y']);
    expect(fast[0]?.kind).toBe('done');
    expect(Date.now() - started).toBeLessThan(50);
    const slowResult = await slow;
    expect(slowResult[0]).toMatchObject({ kind: 'done', attempts: 2 });
    expect(order).toEqual(['slow', 'fast', 'slow']);
  });

  it('gives up after the maximum number of attempts with the last error', async () => {
    const scheduler = new BatchScheduler<string>({
      maxAttempts: 3,
      backoffBaseMs: 1,
      send: async (_mailbox, items) => items.map(() => ({ kind: 'retry' as const, error: new Error('503') })),
    });
    const [result] = await scheduler.submit('m', ['x']);
    expect(result).toMatchObject({ kind: 'failed', attempts: 3 });
    expect(result?.kind === 'failed' && result.error.message).toBe('503');
  });

  it('fails every pending item of a mailbox that cannot be used, and no other mailbox', async () => {
    const scheduler = new BatchScheduler<number>({
      maxBatchSize: 2,
      send: async (mailbox, items) =>
        items.map(() =>
          mailbox === 'gone'
            ? { kind: 'abort-mailbox' as const, error: new Error('MailboxNotEnabledForRESTAPI') }
            : { kind: 'done' as const },
        ),
    });
    const [gone, fine] = await Promise.all([
      scheduler.submit('gone', [1, 2, 3, 4, 5]),
      scheduler.submit('fine', [1, 2, 3]),
    ]);
    expect(gone.every((r) => r.kind === 'failed')).toBe(true);
    expect(fine.every((r) => r.kind === 'done')).toBe(true);
  });

  it('replaces an item by another operation and retries it', async () => {
    const seen: string[] = [];
    const scheduler = new BatchScheduler<string>({
      send: async (_mailbox, items) =>
        items.map((item): ItemOutcome<string> => {
          seen.push(item);
          return item === 'create' ? { kind: 'replace', payload: 'lookup' } : { kind: 'done', value: item };
        }),
    });
    const [result] = await scheduler.submit('m', ['create']);
    expect(result).toMatchObject({ kind: 'done', payload: 'lookup', value: 'lookup' });
    expect(seen).toEqual(['create', 'lookup']);
  });

  it('treats a batch that throws (reset, timeout) as a retry of each item, and reports results as they settle', async () => {
    let calls = 0;
    const reported: number[] = [];
    const scheduler = new BatchScheduler<number>({
      backoffBaseMs: 1,
      onResult: (_mailbox, result) => {
        reported.push(result.payload);
      },
      send: async (_mailbox, items) => {
        calls++;
        if (calls === 1) throw new Error('socket hang up');
        return items.map(() => ({ kind: 'done' as const }));
      },
    });
    const results = await scheduler.submit('m', [1, 2]);
    expect(results.map((r) => r.kind)).toEqual(['done', 'done']);
    expect(reported).toEqual([1, 2]);
  });
});

import { describe, expect, it } from 'vitest';
import { BatchScheduler, type ItemOutcome } from './batch-scheduler.ts';
import { MailboxThrottledError } from './mailbox-throttled-error.ts';

describe('a Retry-After longer than the submitter waits', () => {
  it('ends that mailbox’s work with MailboxThrottledError (the latest Retry-After) and leaves others alone', async () => {
    const sent: string[] = [];
    const scheduler = new BatchScheduler<string>({
      maxBatchSize: 2,
      send: async (mailbox, items) => {
        sent.push(`${mailbox}:${items.join(',')}`);
        return items.map((item): ItemOutcome<string> => {
          if (mailbox !== 'busy') return { kind: 'done' };
          if (item === 'a') return { kind: 'done' };
          return { kind: 'retry', afterMs: item === 'b' ? 600_000 : 300_000, error: new Error('429') };
        });
      },
    });
    const before = Date.now();
    const [busy, quiet] = await Promise.all([
      scheduler.submit('busy', ['a', 'b', 'c', 'd'], { maxWaitMs: 5000 }),
      scheduler.submit('quiet', ['x']),
    ]);
    expect(busy.map((r) => r.kind)).toEqual(['done', 'failed', 'failed', 'failed']);
    const error = busy[1]?.kind === 'failed' ? busy[1].error : undefined;
    expect(error).toBeInstanceOf(MailboxThrottledError);
    expect((error as MailboxThrottledError).retryAt.getTime()).toBeGreaterThanOrEqual(before + 600_000);
    // The items not sent yet were not sent at all.
    expect(sent).toEqual(['busy:a,b', 'quiet:x']);
    expect(quiet[0]?.kind).toBe('done');
  });

  it('still waits out a Retry-After within the limit', async () => {
    let calls = 0;
    const scheduler = new BatchScheduler<string>({
      send: async (_mailbox, items) =>
        items.map(
          (): ItemOutcome<string> =>
            calls++ === 0 ? { kind: 'retry', afterMs: 20, error: new Error('429') } : { kind: 'done' },
        ),
    });
    const [result] = await scheduler.submit('m', ['x'], { maxWaitMs: 5000 });
    expect(result).toMatchObject({ kind: 'done', attempts: 2 });
  });
});

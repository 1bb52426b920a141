// Spreads write operations over Graph `$batch` requests: at most one batch in flight per mailbox (Graph already
// runs 4 items of it at a time, the whole per-mailbox concurrency), many mailboxes at once up to a global cap,
// a throttled mailbox set aside until its Retry-After instead of holding a slot, and bounded retries per item.
// A submitter may set `maxWaitMs`: a Retry-After longer than that ends the mailbox's work with a
// MailboxThrottledError (a worker then reschedules the person instead of waiting).
import { MailboxThrottledError } from './mailbox-throttled-error.ts';

/** What became of one item of a sent batch, as the sender judged it. */
export type ItemOutcome<T> =
  | { readonly kind: 'done'; readonly value?: unknown }
  /** Try again later (throttled or transient); without `afterMs`, exponential backoff with full jitter. */
  | { readonly kind: 'retry'; readonly afterMs?: number; readonly error: Error }
  /** Try a different operation in its place (e.g. look an ambiguous create up by its marker first). */
  | { readonly kind: 'replace'; readonly payload: T; readonly error?: Error }
  | { readonly kind: 'failed'; readonly error: Error }
  /** The whole mailbox is unusable (no mailbox, access denied): every pending item of it fails with this error. */
  | { readonly kind: 'abort-mailbox'; readonly error: Error };

export type ItemResult<T> =
  | { readonly kind: 'done'; readonly payload: T; readonly value?: unknown; readonly attempts: number }
  | { readonly kind: 'failed'; readonly payload: T; readonly error: Error; readonly attempts: number };

export type SendBatch<T> = (mailbox: string, payloads: readonly T[]) => Promise<readonly ItemOutcome<T>[]>;

export interface BatchSchedulerOptions<T> {
  readonly send: SendBatch<T>;
  readonly maxBatchSize?: number;
  readonly maxConcurrentBatches?: number;
  readonly maxAttempts?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Called with every settled item as soon as it settles (the store records results as they arrive). */
  readonly onResult?: (mailbox: string, result: ItemResult<T>) => void | Promise<void>;
  readonly random?: () => number;
}

interface Pending<T> {
  payload: T;
  attempts: number;
  lastError: Error | undefined;
  readonly settle: (result: ItemResult<T>) => void;
}

interface MailboxQueue<T> {
  readonly mailbox: string;
  readonly items: Pending<T>[];
  inFlight: boolean;
  /** Set by throttling: nothing is sent to this mailbox before this time (ms since epoch). */
  notBefore: number;
  aborted: Error | undefined;
  /** A Retry-After longer than this aborts the mailbox with a MailboxThrottledError (see `submit`). */
  maxWaitMs: number;
}

export interface SubmitOptions {
  /** Wait at most this long for one Retry-After; beyond it, every pending item fails with MailboxThrottledError. */
  readonly maxWaitMs?: number;
}

export class BatchScheduler<T> {
  private readonly options: Required<Omit<BatchSchedulerOptions<T>, 'onResult'>> &
    Pick<BatchSchedulerOptions<T>, 'onResult'>;
  private readonly queues = new Map<string, MailboxQueue<T>>();
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private timerAt = Number.POSITIVE_INFINITY;

  constructor(options: BatchSchedulerOptions<T>) {
    this.options = {
      maxBatchSize: 20,
      maxConcurrentBatches: 32,
      maxAttempts: 8,
      backoffBaseMs: 500,
      backoffMaxMs: 60_000,
      random: Math.random,
      ...options,
    };
    if (this.options.maxBatchSize > 20) throw new RangeError('Graph $batch holds at most 20 requests');
  }

  /** Queues the operations for one mailbox; resolves with one result per operation once all have settled. */
  submit(mailbox: string, payloads: readonly T[], options: SubmitOptions = {}): Promise<ItemResult<T>[]> {
    if (payloads.length === 0) return Promise.resolve([]);
    const queue = this.queueOf(mailbox);
    queue.maxWaitMs = options.maxWaitMs ?? Number.POSITIVE_INFINITY;
    const settled = payloads.map(
      (payload) =>
        new Promise<ItemResult<T>>((settle) => {
          const pending: Pending<T> = { payload, attempts: 0, lastError: undefined, settle };
          if (queue.aborted) settle({ kind: 'failed', payload, error: queue.aborted, attempts: 0 });
          else queue.items.push(pending);
        }),
    );
    this.pump();
    return Promise.all(settled);
  }

  /** Forgets an earlier abort, so the mailbox can be tried again (e.g. the next run). */
  resetMailbox(mailbox: string): void {
    const queue = this.queues.get(mailbox);
    if (queue) queue.aborted = undefined;
  }

  private queueOf(mailbox: string): MailboxQueue<T> {
    let queue = this.queues.get(mailbox);
    if (!queue) {
      queue = {
        mailbox,
        items: [],
        inFlight: false,
        notBefore: 0,
        aborted: undefined,
        maxWaitMs: Number.POSITIVE_INFINITY,
      };
      this.queues.set(mailbox, queue);
    }
    return queue;
  }

  private pump(): void {
    const now = Date.now();
    let earliest = Number.POSITIVE_INFINITY;
    for (const queue of this.queues.values()) {
      if (this.inFlight >= this.options.maxConcurrentBatches) break;
      if (queue.inFlight || queue.items.length === 0) continue;
      if (queue.notBefore > now) {
        earliest = Math.min(earliest, queue.notBefore);
        continue;
      }
      this.sendNext(queue);
    }
    if (earliest < Number.POSITIVE_INFINITY) this.wakeAt(earliest);
  }

  private wakeAt(at: number): void {
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.timerAt = Number.POSITIVE_INFINITY;
        this.pump();
      },
      Math.max(0, at - Date.now()),
    );
  }

  private sendNext(queue: MailboxQueue<T>): void {
    const batch = queue.items.splice(0, this.options.maxBatchSize);
    queue.inFlight = true;
    this.inFlight++;
    // Move the mailbox to the back of the map: round robin between mailboxes.
    this.queues.delete(queue.mailbox);
    this.queues.set(queue.mailbox, queue);
    for (const item of batch) item.attempts++;
    this.options
      .send(
        queue.mailbox,
        batch.map((item) => item.payload),
      )
      .then(
        (outcomes) => this.handleOutcomes(queue, batch, outcomes),
        (error: Error) =>
          this.handleOutcomes(
            queue,
            batch,
            batch.map(() => ({ kind: 'retry' as const, error })),
          ),
      )
      .finally(() => {
        queue.inFlight = false;
        this.inFlight--;
        if (queue.items.length === 0 && !queue.aborted) this.queues.delete(queue.mailbox);
        this.pump();
      });
  }

  private async handleOutcomes(queue: MailboxQueue<T>, batch: Pending<T>[], outcomes: readonly ItemOutcome<T>[]) {
    const retry: Pending<T>[] = [];
    for (const [index, item] of batch.entries()) {
      const outcome: ItemOutcome<T> = outcomes[index] ?? {
        kind: 'retry',
        error: new Error('no answer for this batch item'),
      };
      switch (outcome.kind) {
        case 'done':
          await this.settle(queue, item, {
            kind: 'done',
            payload: item.payload,
            value: outcome.value,
            attempts: item.attempts,
          });
          break;
        case 'failed':
          await this.fail(queue, item, outcome.error);
          break;
        case 'abort-mailbox':
          queue.aborted = outcome.error;
          await this.fail(queue, item, outcome.error);
          break;
        case 'replace':
          item.payload = outcome.payload;
          item.lastError = outcome.error;
          retry.push(item);
          break;
        case 'retry': {
          item.lastError = outcome.error;
          if (outcome.afterMs !== undefined && outcome.afterMs > queue.maxWaitMs) {
            const retryAt = new Date(Date.now() + outcome.afterMs);
            const throttled = queue.aborted instanceof MailboxThrottledError ? queue.aborted : undefined;
            if (!queue.aborted || (throttled && throttled.retryAt < retryAt)) {
              queue.aborted = new MailboxThrottledError(queue.mailbox, retryAt, outcome.error);
            }
            await this.fail(queue, item, queue.aborted as Error);
          } else if (item.attempts >= this.options.maxAttempts) {
            await this.fail(queue, item, outcome.error);
          } else {
            const delay = outcome.afterMs ?? this.backoff(item.attempts);
            queue.notBefore = Math.max(queue.notBefore, Date.now() + delay);
            retry.push(item);
          }
          break;
        }
      }
    }
    if (queue.aborted) {
      for (const item of [...retry, ...queue.items.splice(0)]) {
        await this.fail(queue, item, queue.aborted);
      }
      return;
    }
    queue.items.unshift(...retry);
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(this.options.random() * ceiling);
  }

  private fail(queue: MailboxQueue<T>, item: Pending<T>, error: Error): Promise<void> {
    return this.settle(queue, item, { kind: 'failed', payload: item.payload, error, attempts: item.attempts });
  }

  /** Records the result (onResult) and hands it to the submitter; a failed recording makes the item failed. */
  private async settle(queue: MailboxQueue<T>, item: Pending<T>, result: ItemResult<T>): Promise<void> {
    try {
      await this.options.onResult?.(queue.mailbox, result);
      item.settle(result);
    } catch (error) {
      item.settle({ kind: 'failed', payload: item.payload, error: error as Error, attempts: item.attempts });
    }
  }
}

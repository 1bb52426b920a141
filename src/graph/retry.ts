// Bounded retries of Graph calls: wait what `Retry-After` says, else exponential backoff with full jitter.
// Sleeps and randomness are injectable so tests run without waiting.
import { classifyFailure, type FailureClass } from './classify-failure.ts';
import { GraphError, GraphProtocolError, GraphTransportError } from './graph-error.ts';

export interface BackoffOptions {
  /** The first backoff's upper bound; it doubles per attempt up to `maxDelayMs`. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export interface RetryOptions extends BackoffOptions {
  /** Attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** A `Retry-After` longer than this is not waited out: the failure is thrown instead. */
  readonly maxRetryAfterMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random: () => number;
  /** Which failures to retry; by default every retryable one (reads). Writes pass a stricter rule. */
  readonly shouldRetry: (failure: FailureClass, error: unknown) => boolean;
  /** Called before each wait (the CLI counts retries through it). */
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const defaultRetryOptions: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 5 * 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
  shouldRetry: (failure) => failure.retryable,
};

/** Full jitter: uniform in [0, min(max, base · 2^(attempt-1))) for the wait after attempt `attempt` (1-based). */
export function backoffDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** How long to wait before repeating a failed call: Graph's `Retry-After` when given, else backoff. */
export function retryDelayMs(
  failure: FailureClass,
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  return failure.retryAfterMs ?? backoffDelayMs(attempt, options, random);
}

/**
 * Runs `operation` until it succeeds, fails with something not worth retrying, or runs out of attempts; then the
 * last error is thrown as it was. Only Graph failures are retried: anything else is a bug and surfaces at once.
 */
export async function retry<T>(
  operation: (attempt: number) => Promise<T>,
  overrides: Partial<RetryOptions> = {},
): Promise<T> {
  const options: RetryOptions = { ...defaultRetryOptions, ...overrides };
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (attempt >= options.maxAttempts) throw error;
      if (
        !(error instanceof GraphError || error instanceof GraphTransportError || error instanceof GraphProtocolError)
      ) {
        throw error;
      }
      const failure = classifyFailure(error);
      if (!options.shouldRetry(failure, error)) throw error;
      if (failure.retryAfterMs !== undefined && failure.retryAfterMs > options.maxRetryAfterMs) throw error;
      const delay = retryDelayMs(failure, attempt, options, options.random);
      options.onRetry?.(error, attempt, delay);
      await options.sleep(delay);
    }
  }
}

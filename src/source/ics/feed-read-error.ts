// A feed that could not be read (a file missing, an HTTP answer that is not a feed, a timeout): the message names
// the file or the URL (without secrets) and what happened; the source turns it into that person's SourceError.

export class FeedReadError extends Error {
  override readonly name = 'FeedReadError';
  /** The HTTP status, or null when there was none (a file, a timeout, a refused connection). */
  readonly status: number | null;

  constructor(message: string, status: number | null, options?: ErrorOptions) {
    super(message, options);
    this.status = status;
  }
}

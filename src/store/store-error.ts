// The store's one error type: a stable code an admin or a caller can branch on, and a message that says what to do.

export type StoreErrorCode =
  /** The database could not be opened or reached (wrong URL, server down, unreadable data folder). */
  | 'database_unavailable'
  /** A configuration value the store cannot use (for example a schema name that is not a plain identifier). */
  | 'invalid_option'
  /** A migration failed; the database stays at the last migration that succeeded. */
  | 'migration_failed'
  /** The store was used after `close()`. */
  | 'closed';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

// The root of the project's typed errors: every failure an admin may see carries a stable code to match on and a
// message they can act on. Folders add small subclasses with named fields (ConfigError, SourceError, …).

export class TimetableSyncError extends Error {
  /** Stable, machine-matchable code, e.g. `CONFIG_INVALID`, `SOURCE_UNREADABLE`. */
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

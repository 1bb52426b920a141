// A first-come, first-served lock for PGlite's single connection: whoever holds it owns the session (a whole
// transaction, or one pg-boss statement), so nobody else's statement can land inside someone's transaction.

export type Release = () => void;

export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #holders = 0;
  #waiting = 0;

  /** Waits for the lock; the returned function releases it (calling it again does nothing). */
  async acquire(): Promise<Release> {
    const previous = this.#tail;
    let open!: () => void;
    this.#tail = new Promise<void>((resolve) => {
      open = resolve;
    });
    this.#waiting++;
    await previous;
    this.#waiting--;
    this.#holders++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#holders--;
      open();
    };
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  /** True while someone holds the lock (for tests and diagnostics). */
  get locked(): boolean {
    return this.#holders > 0;
  }

  /** How many callers wait for the lock right now. */
  get waiting(): number {
    return this.#waiting;
  }
}

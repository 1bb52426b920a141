// SIGTERM and SIGINT end a long-running process gracefully: the first one stops taking work and lets running
// jobs finish (within the configured timeout); a second one while that is under way exits at once.
export function onShutdownSignals(
  shutdown: (signal: NodeJS.Signals) => Promise<void>,
  log: (line: string) => void,
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const handle = (signal: NodeJS.Signals) => {
      if (received) {
        log(`${signal} again: exiting without waiting for running jobs (they are retried elsewhere)`);
        process.exit(1);
      }
      received = signal;
      log(`${signal}: finishing running jobs, then stopping`);
      shutdown(signal).then(
        () => resolve(signal),
        (error: unknown) => {
          log(`stopping failed: ${error instanceof Error ? error.message : String(error)}`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', handle);
    process.on('SIGINT', handle);
  });
}

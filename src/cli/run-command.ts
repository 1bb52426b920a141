// Runs a command body and turns its failure into a message and an exit code: 2 for usage and configuration
// errors (nothing was sent), 1 for anything else.
import { CertificateError } from '../certificates/certificate-error.ts';
import { ConfigError } from '../config/index.ts';
import { SelectionError } from '../sync/sync-people.ts';
import { UsageError } from './selection-args.ts';

export async function runCommand(body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof SelectionError ||
      error instanceof CertificateError
    ) {
      console.error(error.message);
      return 2;
    }
    console.error(error instanceof Error ? `${error.message}` : String(error));
    return 1;
  }
}

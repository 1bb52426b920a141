// Puts the seed's `events` (the mailbox owners' own appointments) into their mailboxes, written "as the owner"
// through the same validation Graph callers get; a seed event Graph would refuse stops the start with its key.
import type { EmulatorContext } from '../context.ts';
import { SeedError } from '../seed.ts';
import { createEvent } from './event-store.ts';
import { GraphError } from './graph-error.ts';

export function populateSeedEvents(context: EmulatorContext): void {
  context.seed.tenants.forEach((seedTenant, t) => {
    const tenant = context.directory.tenant(seedTenant.id);
    if (!tenant) throw new Error(`tenant ${seedTenant.id} missing from the directory`);
    for (const [owner, events] of Object.entries(seedTenant.events)) {
      const user = context.directory.user(tenant, owner);
      const mailbox = user ? context.mailbox(tenant, user) : undefined;
      if (!user || !mailbox) {
        throw new SeedError(`seed is invalid:\n  tenants[${t}].events.${owner}: ${owner} has no mailbox`);
      }
      events.forEach((event, e) => {
        try {
          createEvent(context, { tenant, user, mailbox }, event, { kind: 'owner' });
        } catch (error) {
          if (!(error instanceof GraphError)) throw error;
          throw new SeedError(
            `seed is invalid:\n  tenants[${t}].events.${owner}[${e}]: ${error.code}: ${error.message}`,
          );
        }
      });
    }
  });
}

// After a successful sign-in: who the user is here. Application mode: the person whose mailbox is their UPN (sign-in
// only identifies them). Delegated mode: the same person, now recorded as connecting themselves, with their tokens
// stored encrypted and their first sync queued. Someone the timetable does not know gets no person (their tokens
// are dropped), and may still be an admin.
import type { SignedIn } from '../auth/delegated-sign-in.ts';
import type { Person } from '../model/person.ts';
import { createRoster } from '../people/index.ts';
import { canListPeople } from '../source/index.ts';
import { findPersonByMailbox, getPerson, type PersonRecord, recordPersonStatus, upsertPerson } from '../store/index.ts';
import type { WebContext } from './web-context.ts';

export async function connectSignedIn(context: WebContext, signedIn: SignedIn): Promise<PersonRecord | undefined> {
  const { engine } = context;
  const { db } = engine.store;
  const known = (await findPersonByMailbox(db, signedIn.upn)) ?? (await personInSource(context, signedIn.upn));
  if (!known) return undefined;
  const delegated = context.config.microsoft.auth === 'delegated' ? engine.delegated : undefined;
  await upsertPerson(db, { id: known.id, mailbox: known.mailbox, authMode: delegated ? 'delegated' : 'application' });
  if (!delegated) return getPerson(db, known.id);

  await delegated.tokens.save(known.id, signedIn);
  const before = await getPerson(db, known.id);
  if (before && (before.status === 'reconnect_needed' || before.status === 'disconnected')) {
    await recordPersonStatus(db, known.id, {
      status: 'never_synced',
      reason: 'Connected again: a sync is on its way.',
    });
  }
  await context.enqueue(known.id, 'sync');
  return getPerson(db, known.id);
}

/** The person with this mailbox in the configured roster (`people`), else in a source that lists its people. */
async function personInSource(context: WebContext, upn: string): Promise<Person | undefined> {
  const { config, graph, source } = context.engine;
  const wanted = upn.toLowerCase();
  const listed = config.people
    ? await createRoster(config.people, graph).listPeople()
    : canListPeople(source)
      ? await source.listPeople()
      : [];
  const found = listed.find((person) => person.mailbox.toLowerCase() === wanted);
  return found && { id: found.id, mailbox: found.mailbox };
}

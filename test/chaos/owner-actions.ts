// The calendar owners' side of the chaos run, in Outlook (the emulator's owner routes, which no fault touches):
// they delete and edit our events, and add, edit and delete their own. The test keeps each owner event as the
// owner last left it: at the end each must be there byte for byte, and none of ours may be missing or edited.
import { actAsOwner, foreign, type InspectedEvent, inspectMailbox, ours } from '../support/calendar-check.ts';
import type { TestEmulator } from '../support/emulator.ts';
import type { Random } from './random.ts';
import type { ChaosPerson } from './timetable-stream.ts';

export class OwnerActions {
  private readonly emulator: TestEmulator;
  private readonly random: Random;
  private readonly people: readonly ChaosPerson[];
  /** Per mailbox, the owner's own events as they must be in the end (by Graph id). */
  readonly ownEvents = new Map<string, Map<string, InspectedEvent>>();
  readonly counts = { deletedOurs: 0, editedOurs: 0, added: 0, editedOwn: 0, deletedOwn: 0 };
  private added = 0;

  constructor(emulator: TestEmulator, people: readonly ChaosPerson[], random: Random) {
    this.emulator = emulator;
    this.people = people;
    this.random = random;
  }

  /** What each owner already has before the run (the seeded appointments). */
  async snapshot(): Promise<void> {
    for (const person of this.people) {
      const events = foreign(await inspectMailbox(this.emulator, person.upn));
      this.ownEvents.set(person.upn, new Map(events.map((event) => [event.id, event])));
    }
  }

  async step(): Promise<void> {
    const person = this.random.pick(this.people);
    const roll = this.random.int(100);
    if (roll < 30) await this.touchOurs(person, 'delete');
    else if (roll < 60) await this.touchOurs(person, 'edit');
    else if (roll < 80) await this.addOwn(person);
    else if (roll < 92) await this.editOwn(person);
    else await this.deleteOwn(person);
  }

  private async touchOurs(person: ChaosPerson, how: 'delete' | 'edit'): Promise<void> {
    const candidates = ours(await inspectMailbox(this.emulator, person.upn));
    if (candidates.length === 0) return;
    const event = this.random.pick(candidates);
    try {
      if (how === 'delete') await actAsOwner(this.emulator, person.upn, 'DELETE', undefined, event.id);
      else {
        const edit = { subject: `${event.subject} (moved by ${person.personId})`, location: { displayName: 'Home' } };
        await actAsOwner(this.emulator, person.upn, 'PATCH', edit, event.id);
      }
    } catch (error) {
      // The sync deleted or replaced it a moment ago: the owner finds it gone, as in Outlook.
      if (/: 404 /.test((error as Error).message)) return;
      throw error;
    }
    if (how === 'delete') this.counts.deletedOurs++;
    else this.counts.editedOurs++;
  }

  private async addOwn(person: ChaosPerson): Promise<void> {
    const day = new Date(Date.now() + (1 + this.random.int(60)) * 86_400_000).toISOString().slice(0, 10);
    const hour = String(8 + this.random.int(10)).padStart(2, '0');
    const created = await actAsOwner(this.emulator, person.upn, 'POST', {
      subject: `Own plan ${++this.added}: ${this.random.word()}`,
      start: { dateTime: `${day}T${hour}:30:00`, timeZone: 'Europe/Amsterdam' },
      end: { dateTime: `${day}T${hour}:55:00`, timeZone: 'Europe/Amsterdam' },
      body: { contentType: 'text', content: 'my own appointment' },
    });
    this.remember(person, created);
    this.counts.added++;
  }

  private async editOwn(person: ChaosPerson): Promise<void> {
    const own = [...(this.ownEvents.get(person.upn)?.values() ?? [])];
    if (own.length === 0) return;
    const event = this.random.pick(own);
    const edited = await actAsOwner(
      this.emulator,
      person.upn,
      'PATCH',
      { subject: `${event.subject} (again)` },
      event.id,
    );
    this.remember(person, edited);
    this.counts.editedOwn++;
  }

  private async deleteOwn(person: ChaosPerson): Promise<void> {
    const own = [...(this.ownEvents.get(person.upn)?.values() ?? [])];
    if (own.length === 0) return;
    const event = this.random.pick(own);
    await actAsOwner(this.emulator, person.upn, 'DELETE', undefined, event.id);
    this.ownEvents.get(person.upn)?.delete(event.id);
    this.counts.deletedOwn++;
  }

  /** The owner's event in full, as the owner route answered the write (the same view the final check reads). */
  private remember(person: ChaosPerson, event: InspectedEvent | undefined): void {
    if (!event) throw new Error(`${person.upn}: the owner's write answered no event`);
    const own = this.ownEvents.get(person.upn) ?? new Map<string, InspectedEvent>();
    own.set(event.id, event);
    this.ownEvents.set(person.upn, own);
  }
}

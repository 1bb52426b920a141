// The timetabling system's side of the chaos run: each person's timetable as the test knows it was accepted, and
// a stream of changes (add, move, retitle, cancel, drop) pushed through the real push API, as whole timetables
// (PUT) or as changes for several people at once (events:changed). The model moves only on a 202: an answer
// that did not come is sent again until it does (both calls are idempotent).
import type { Random } from './random.ts';

export interface ChaosPerson {
  readonly personId: string;
  readonly upn: string;
}

interface PushedEvent {
  readonly id: string;
  readonly start: string;
  readonly end: string;
  readonly title: string;
  readonly courseCode: string;
  readonly activityType: string;
  readonly locations: readonly string[];
  readonly notes: string;
  readonly status: 'confirmed' | 'cancelled';
}

type Change = { readonly kind: 'upsert'; readonly event: PushedEvent } | { readonly kind: 'drop'; readonly id: string };

const timeZone = 'Europe/Amsterdam';
const activities = ['Lecture', 'Tutorial', 'Practical', 'Exam'] as const;

export class TimetableStream {
  private readonly serviceUrl: string;
  private readonly apiKey: string;
  private readonly random: Random;
  private readonly today = new Date();
  /** Accepted timetables: what the store must hold and the calendars must show in the end. */
  readonly accepted = new Map<string, Map<string, PushedEvent>>();
  private readonly people: readonly ChaosPerson[];
  private nextEvent = 0;
  pushes = 0;
  changes = 0;
  /** Answers other than 202 (503 while the database restarts, a dropped answer), each sent again. */
  retriedPushes = 0;

  constructor(serviceUrl: string, apiKey: string, people: readonly ChaosPerson[], random: Random) {
    this.serviceUrl = serviceUrl;
    this.apiKey = apiKey;
    this.people = people;
    this.random = random;
  }

  /** Every person's first timetable, one PUT each. */
  async pushInitial(eventsPerPerson: number): Promise<void> {
    for (const person of this.people) {
      const events = new Map<string, PushedEvent>();
      for (let i = 0; i < eventsPerPerson; i++) {
        const event = this.newEvent(person);
        events.set(event.id, event);
      }
      await this.put(person, events);
    }
  }

  /** One step of the stream: a random change to one person (PUT), or to two or three (events:changed). */
  async step(): Promise<void> {
    if (this.random.chance(0.3)) {
      const picked = this.random.sample(this.people, 1 + this.random.int(3));
      await this.postChanges(picked.map((person) => ({ person, change: this.randomChange(person) })));
    } else {
      const person = this.random.pick(this.people);
      const events = new Map(this.eventsOf(person));
      applyChange(events, this.randomChange(person));
      await this.put(person, events);
    }
  }

  eventsOf(person: ChaosPerson): ReadonlyMap<string, PushedEvent> {
    return this.accepted.get(person.personId) ?? new Map();
  }

  private randomChange(person: ChaosPerson): Change {
    const events = [...this.eventsOf(person).values()];
    const roll = this.random.int(100);
    // Adds outweigh drops, so no timetable shrinks towards the delete safety stop (sync.maxDeleteShare).
    if (roll < 25 || events.length < 4) return { kind: 'upsert', event: this.newEvent(person) };
    const event = this.random.pick(events);
    if (roll < 35) return { kind: 'drop', id: event.id };
    if (roll < 45) return { kind: 'upsert', event: { ...event, status: 'cancelled' } };
    if (roll < 70) return { kind: 'upsert', event: { ...event, title: `${event.courseCode} ${this.random.word()}` } };
    if (roll < 85) return { kind: 'upsert', event: { ...event, ...this.slot(this.random.int(60)) } };
    return { kind: 'upsert', event: { ...event, notes: `Bring ${this.random.word()}`, status: 'confirmed' } };
  }

  private newEvent(person: ChaosPerson): PushedEvent {
    const n = this.nextEvent++;
    const course = `CHAOS${100 + (n % 7)}`;
    return {
      id: `${person.personId}-e${n}`,
      ...this.slot(this.random.int(60)),
      title: `${course} ${this.random.word()}`,
      courseCode: course,
      activityType: this.random.pick(activities),
      locations: [`Room ${1 + this.random.int(40)}`],
      notes: '',
      status: 'confirmed',
    };
  }

  private slot(dayOffset: number): { start: string; end: string } {
    const day = new Date(this.today.getTime() + (dayOffset + 1) * 86_400_000).toISOString().slice(0, 10);
    const hour = 8 + this.random.int(9);
    const pad = (h: number) => String(h).padStart(2, '0');
    return { start: `${day}T${pad(hour)}:00`, end: `${day}T${pad(hour + 1)}:45` };
  }

  private async put(person: ChaosPerson, events: Map<string, PushedEvent>): Promise<void> {
    const body = { id: person.personId, mailbox: person.upn, timeZone, events: [...events.values()] };
    await this.send('PUT', `/api/v1/people/${person.personId}/timetable`, body);
    this.accepted.set(person.personId, events);
    this.changes++;
  }

  private async postChanges(changes: readonly { person: ChaosPerson; change: Change }[]): Promise<void> {
    const byPerson = new Map<string, { personId: string; events: PushedEvent[]; removedEventIds: string[] }>();
    for (const { person, change } of changes) {
      const entry = byPerson.get(person.personId) ?? { personId: person.personId, events: [], removedEventIds: [] };
      // One change per event id and person in a call: a later one replaces an earlier one.
      entry.events = entry.events.filter((e) => e.id !== idOf(change));
      entry.removedEventIds = entry.removedEventIds.filter((id) => id !== idOf(change));
      if (change.kind === 'upsert') entry.events.push(change.event);
      else entry.removedEventIds.push(change.id);
      byPerson.set(person.personId, entry);
    }
    await this.send('POST', '/api/v1/events:changed', { timeZone, changes: [...byPerson.values()] });
    for (const entry of byPerson.values()) {
      const events = new Map(this.accepted.get(entry.personId));
      for (const event of entry.events) events.set(event.id, event);
      for (const id of entry.removedEventIds) events.delete(id);
      this.accepted.set(entry.personId, events);
      this.changes += entry.events.length + entry.removedEventIds.length;
    }
  }

  private async send(method: 'PUT' | 'POST', path: string, body: unknown): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      this.pushes++;
      let status = 0;
      let text = '';
      try {
        const response = await fetch(new URL(path, this.serviceUrl), {
          method,
          headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        text = (error as Error).message;
      }
      if (status === 202) return;
      // A refused body is the test's own mistake, never something to send again.
      if (status >= 400 && status < 500 && status !== 429) throw new Error(`${method} ${path}: ${status} ${text}`);
      if (attempt >= 60)
        throw new Error(`${method} ${path}: no 202 after ${attempt} attempts (last: ${status} ${text})`);
      this.retriedPushes++;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}

function idOf(change: Change): string {
  return change.kind === 'upsert' ? change.event.id : change.id;
}

function applyChange(events: Map<string, PushedEvent>, change: Change): void {
  if (change.kind === 'upsert') events.set(change.event.id, change.event);
  else events.delete(change.id);
}

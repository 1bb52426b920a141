// The commands of the sync state machine (fast-check `fc.commands`), vdirsyncer's SyncMachine for Outlook: the
// timetable changes, the owner edits and deletes our events and makes their own, Graph fails, the sync process
// dies between any two requests, and syncs and reconciles run for everyone or one person. After every run the
// safety invariants must hold, whatever else went wrong.
import fc from 'fast-check';
import { expect } from 'vitest';
import { MARKER_PROPERTY_SET } from '../../src/mapping/index.ts';
import type { StoreDatabase } from '../../src/store/index.ts';
import { loadEventStates } from '../../src/store/index.ts';
import { syncPeople } from '../../src/sync/sync-people.ts';
import type { SyncKind } from '../../src/sync/sync-person.ts';
import {
  actAsOwner,
  foreign,
  type InspectedEvent,
  inspectMailbox,
  markerHash,
  markerKey,
  ours,
  safetyProblems,
} from './calendar-check.ts';
import type { ConfigFolder } from './config-file.ts';
import type { CrashableEngine, DeathMode } from './crashable-engine.ts';
import type { TestEmulator } from './emulator.ts';
import { allFaultKinds, type FaultSettings, setFaults } from './emulator-control.ts';
import { addLecture, confirmed, type ModelPerson, type SyncModel, timetableOf } from './sync-model.ts';

export interface SyncReal {
  readonly emulator: TestEmulator;
  readonly engine: CrashableEngine;
  readonly store: StoreDatabase;
  readonly folder: ConfigFolder;
  /** Day 0 of the timetable. */
  readonly from: Date;
}

type Command = fc.AsyncCommand<SyncModel, SyncReal>;

const personOf = (model: SyncModel, index: number) => model.people[index % model.people.length] as ModelPerson;

type TimetableEdit =
  | { readonly kind: 'add'; readonly day: number; readonly hour: number }
  | { readonly kind: 'change'; readonly pick: number; readonly what: 'title' | 'time' | 'room' }
  | { readonly kind: 'remove'; readonly pick: number; readonly how: 'drop' | 'cancel' };

export class EditTimetable implements Command {
  readonly person: number;
  readonly edit: TimetableEdit;
  constructor(person: number, edit: TimetableEdit) {
    this.person = person;
    this.edit = edit;
  }
  check(model: Readonly<SyncModel>): boolean {
    // A timetable that suddenly has nothing is held by the safety stop (invariant 4): not this machine's subject.
    return (
      this.edit.kind !== 'remove' || confirmed(model as SyncModel, personOf(model, this.person).personId).length > 1
    );
  }
  async run(model: SyncModel, real: SyncReal): Promise<void> {
    const { personId } = personOf(model, this.person);
    const lectures = model.lectures.get(personId) ?? [];
    const live = confirmed(model, personId);
    const edit = this.edit;
    if (edit.kind === 'add') addLecture(model, personId, edit.day, edit.hour);
    else {
      const target = live[edit.pick % live.length];
      const index = target ? lectures.indexOf(target) : -1;
      if (target && index >= 0) {
        const notes = `rev ${model.revision++}`;
        if (edit.kind === 'remove' && edit.how === 'drop') lectures.splice(index, 1);
        else if (edit.kind === 'remove') lectures[index] = { ...target, status: 'cancelled', notes };
        else if (edit.what === 'title') lectures[index] = { ...target, title: `${target.title}′`, notes };
        else if (edit.what === 'room') lectures[index] = { ...target, room: `Room ${model.revision}`, notes };
        else lectures[index] = { ...target, day: target.day + 1, hour: 8 + ((target.hour + 3) % 9), notes };
      }
    }
    real.folder.writeTimetable(timetableOf(model, real.from));
  }
  toString(): string {
    return `timetable(p${this.person}, ${JSON.stringify(this.edit)})`;
  }
}

type OwnerAction = 'edit' | 'move' | 'delete';

/** The owner edits, moves (two hours later, same day) or deletes one of our events in Outlook. */
export class OwnerTouchesOurs implements Command {
  readonly person: number;
  readonly pick: number;
  readonly action: OwnerAction;
  constructor(person: number, pick: number, action: OwnerAction) {
    this.person = person;
    this.pick = pick;
    this.action = action;
  }
  check = () => true;
  async run(model: SyncModel, real: SyncReal): Promise<void> {
    const person = personOf(model, this.person);
    const mine = ours(await inspectMailbox(real.emulator, person.upn)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const event = mine[this.pick % Math.max(1, mine.length)];
    if (!event) return;
    const key = markerKey(event) as string;
    const hash = markerHash(event) ?? '';
    const state = (await loadEventStates(real.store.db, person.personId)).find((row) => row.sourceKey === key);
    const known = state?.graphId === event.id && state.contentHash === hash && state.userDeletedHash === null;
    const touch = { hash, ambiguous: !known };
    if (this.action === 'delete') {
      await actAsOwner(real.emulator, person.upn, 'DELETE', undefined, event.id);
      model.ownerDeleted.set(key, touch);
      model.ownerEdited.delete(key);
    } else {
      const later = (at: InspectedEvent['start']) => ({
        dateTime: new Date(Date.parse(`${at.dateTime.slice(0, 23)}Z`) + 2 * 3_600_000).toISOString().slice(0, 19),
        timeZone: 'UTC',
      });
      const change =
        this.action === 'edit'
          ? { subject: `${event.subject} (my notes)` }
          : { start: later(event.start), end: later(event.end) };
      await actAsOwner(real.emulator, person.upn, 'PATCH', change, event.id);
      model.ownerEdited.set(key, touch);
    }
  }
  toString(): string {
    return `owner ${this.action}s ours(p${this.person}, #${this.pick})`;
  }
}

/** The owner makes or edits an appointment of their own; some look just like our lectures. */
type OwnEventKind = 'plain' | 'lookalike' | 'other-property' | 'edit';

export class OwnerOwnEvent implements Command {
  readonly person: number;
  readonly kind: OwnEventKind;
  readonly pick: number;
  constructor(person: number, kind: OwnEventKind, pick: number) {
    this.person = person;
    this.kind = kind;
    this.pick = pick;
  }
  check = () => true;
  async run(model: SyncModel, real: SyncReal): Promise<void> {
    const person = personOf(model, this.person);
    const events = await inspectMailbox(real.emulator, person.upn);
    const remember = (event: InspectedEvent | undefined) => {
      if (event) model.foreign.get(person.upn)?.set(event.id, event);
    };
    if (this.kind === 'edit') {
      const theirs = foreign(events).sort((a, b) => (a.id < b.id ? -1 : 1));
      const event = theirs[this.pick % Math.max(1, theirs.length)];
      if (event)
        remember(await actAsOwner(real.emulator, person.upn, 'PATCH', { subject: `${event.subject}!` }, event.id));
      return;
    }
    const day = new Date(real.from.getTime() + (1 + (this.pick % 20)) * 86_400_000).toISOString().slice(0, 10);
    const lecture = ours(events)[this.pick % Math.max(1, ours(events).length)];
    const body =
      this.kind === 'lookalike' && lecture
        ? { subject: lecture.subject, start: lecture.start, end: lecture.end, body: lecture.body }
        : {
            subject: `Appointment ${this.pick}`,
            start: { dateTime: `${day}T12:00:00`, timeZone: 'Europe/Amsterdam' },
            end: { dateTime: `${day}T13:00:00`, timeZone: 'Europe/Amsterdam' },
            ...(this.kind === 'other-property'
              ? {
                  singleValueExtendedProperties: [
                    { id: `String {${MARKER_PROPERTY_SET}} Name timetableSyncOther`, value: 'x' },
                  ],
                }
              : {}),
          };
    remember(await actAsOwner(real.emulator, person.upn, 'POST', body));
  }
  toString(): string {
    return `owner's own event(p${this.person}, ${this.kind}, #${this.pick})`;
  }
}

/**
 * A sync or reconcile for everyone or one person, maybe with Graph failing a share of requests, maybe with the
 * process dying at its (`dieAt` + 1)th Graph request (then restarted).
 */
type Death = { readonly dieAt: number; readonly mode: DeathMode };

export class Run implements Command {
  readonly kind: Exclude<SyncKind, 'dry-run'>;
  readonly person: number | null;
  readonly faults: FaultSettings | null;
  readonly death: Death | null;
  constructor(
    kind: Exclude<SyncKind, 'dry-run'>,
    person: number | null,
    faults: FaultSettings | null,
    death: Death | null,
  ) {
    this.kind = kind;
    this.person = person;
    this.faults = faults;
    this.death = death;
  }
  check = () => true;
  async run(model: SyncModel, real: SyncReal): Promise<void> {
    const { faults } = this;
    if (faults) await setFaults(real.emulator, faults);
    const personIds = this.person === null ? undefined : [personOf(model, this.person).personId];
    const work = (engine: CrashableEngine['engine']) =>
      syncPeople(engine, { kind: this.kind, ...(personIds ? { personIds } : {}) });
    try {
      if (this.death) await real.engine.runUntilDeath(this.death.dieAt, this.death.mode, work);
      else await work(real.engine.engine);
    } finally {
      if (faults) await setFaults(real.emulator, { rate: 0 });
    }
    await expectSafe(model, real);
  }
  toString(): string {
    const who = this.person === null ? 'everyone' : `p${this.person}`;
    const faults = this.faults ? `, faults ${JSON.stringify(this.faults)}` : '';
    const death = this.death ? `, dies at request ${this.death.dieAt + 1} ${this.death.mode}` : '';
    return `${this.kind}(${who}${faults}${death})`;
  }
}

/** Invariants 1 and 3 after any run: nothing foreign touched, nothing unmarked written, no duplicate. */
export async function expectSafe(model: SyncModel, real: SyncReal): Promise<void> {
  for (const person of model.people) {
    const events = await inspectMailbox(real.emulator, person.upn);
    const before = [...(model.foreign.get(person.upn)?.values() ?? [])];
    expect(safetyProblems(events, before), person.upn).toEqual([]);
  }
}

export function syncCommands(people: number, maxCommands: number): fc.Arbitrary<Iterable<Command>> {
  const person = fc.nat(people - 1);
  const pick = fc.nat(50);
  const faults = fc.record({
    rate: fc.constantFrom(0.2, 0.5),
    kinds: fc.subarray([...allFaultKinds], { minLength: 1 }),
    seed: fc.nat(),
    timeoutMs: fc.constant(100),
  });
  // Most runs send a handful of requests: dying early is where the interesting deaths are.
  const death = fc.record({
    dieAt: fc.oneof(fc.nat(2), fc.nat(6)),
    mode: fc.constantFrom('before-send', 'after-send') as fc.Arbitrary<DeathMode>,
  });
  // Runs are what the rest prepares for: a few times as likely as any other command.
  const run = fc
    .tuple(
      // A reconcile repairs much; plain syncs are where lost answers must not turn into duplicates.
      fc.constantFrom('sync', 'sync', 'sync', 'reconcile') as fc.Arbitrary<'sync' | 'reconcile'>,
      fc.option(person, { nil: null }),
      fc.option(faults, { nil: null, freq: 2 }),
      fc.option(death, { nil: null, freq: 3 }),
    )
    .map(([kind, who, withFaults, withDeath]) => new Run(kind, who, withFaults, withDeath));
  return fc.commands(
    [
      fc
        .record({ person, day: fc.integer({ min: 1, max: 40 }), hour: fc.integer({ min: 8, max: 17 }) })
        .map(({ person, day, hour }) => new EditTimetable(person, { kind: 'add', day, hour })),
      fc
        .tuple(person, pick, fc.constantFrom('title', 'time', 'room') as fc.Arbitrary<'title' | 'time' | 'room'>)
        .map(([p, n, what]) => new EditTimetable(p, { kind: 'change', pick: n, what })),
      fc
        .tuple(person, pick, fc.constantFrom('drop', 'cancel') as fc.Arbitrary<'drop' | 'cancel'>)
        .map(([p, n, how]) => new EditTimetable(p, { kind: 'remove', pick: n, how })),
      fc
        .tuple(person, pick, fc.constantFrom('edit', 'move', 'delete') as fc.Arbitrary<OwnerAction>)
        .map(([p, n, action]) => new OwnerTouchesOurs(p, n, action)),
      fc
        .tuple(
          person,
          fc.constantFrom('plain', 'lookalike', 'other-property', 'edit') as fc.Arbitrary<OwnEventKind>,
          pick,
        )
        .map(([p, kind, n]) => new OwnerOwnEvent(p, kind, n)),
      run,
      run,
      run,
    ],
    { maxCommands, size: 'max' },
  );
}

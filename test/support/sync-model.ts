// The model side of the sync state machine (state-machine.test.ts): each person's timetable as the test keeps it,
// the owners' own events as they must stay, and what the owners did to our events — from which follows what the
// calendar must hold after a final clean reconcile.
import type { DesiredEvent } from '../../src/model/desired-event.ts';
import type { CalendarExpectations, InspectedEvent } from './calendar-check.ts';
import type { TimetableJson } from './engine.ts';

export interface ModelPerson {
  readonly personId: string;
  readonly upn: string;
}

export interface Lecture {
  readonly id: string;
  readonly title: string;
  readonly day: number;
  readonly hour: number;
  readonly room: string;
  /** Bumped with every change, so a lecture's content never returns to an earlier version. */
  readonly notes: string;
  readonly status: 'confirmed' | 'cancelled';
}

/**
 * An owner deleted or edited one of our events. `hash` is the content the calendar held then (our hash marker);
 * `ambiguous` says the engine's state did not know that version (its write was never recorded: a crash or a
 * lost answer), so only the event itself can tell the owner's change from the engine's own unrecorded write.
 */
export interface OwnerTouch {
  readonly hash: string;
  readonly ambiguous: boolean;
}

export interface SyncModel {
  readonly policy: 'respect' | 'restore';
  readonly people: readonly ModelPerson[];
  readonly lectures: Map<string, Lecture[]>;
  revision: number;
  /** upn → event id → the owner's own event as it must be. */
  readonly foreign: Map<string, Map<string, InspectedEvent>>;
  /** By source key: the owner's last delete / edit of our event. */
  readonly ownerDeleted: Map<string, OwnerTouch>;
  readonly ownerEdited: Map<string, OwnerTouch>;
}

export function newModel(policy: SyncModel['policy'], people: readonly ModelPerson[], perPerson: number): SyncModel {
  const model: SyncModel = {
    policy,
    people,
    lectures: new Map(people.map((p) => [p.personId, []])),
    revision: 0,
    foreign: new Map(people.map((p) => [p.upn, new Map()])),
    ownerDeleted: new Map(),
    ownerEdited: new Map(),
  };
  for (const person of people) {
    for (let i = 0; i < perPerson; i++) addLecture(model, person.personId, 1 + 2 * i, 9 + (i % 4));
  }
  return model;
}

export function addLecture(model: SyncModel, personId: string, day: number, hour: number): void {
  const n = model.revision++;
  model.lectures.get(personId)?.push({
    id: `${personId}-L${n}`,
    title: `Lecture ${n}`,
    day,
    hour,
    room: 'Hall A',
    notes: `rev ${n}`,
    status: 'confirmed',
  });
}

export function confirmed(model: SyncModel, personId: string): Lecture[] {
  return (model.lectures.get(personId) ?? []).filter((l) => l.status === 'confirmed');
}

export function timetableOf(model: SyncModel, from: Date): TimetableJson {
  const date = (day: number) => new Date(from.getTime() + day * 86_400_000).toISOString().slice(0, 10);
  const hh = (hour: number) => String(hour).padStart(2, '0');
  return {
    timeZone: 'Europe/Amsterdam',
    people: model.people.map((person) => ({
      id: person.personId,
      mailbox: person.upn,
      events: (model.lectures.get(person.personId) ?? []).map((l) => ({
        id: l.id,
        start: `${date(l.day)}T${hh(l.hour)}:00`,
        end: `${date(l.day)}T${hh(l.hour + 1)}:45`,
        title: l.title,
        courseCode: 'INFO101',
        activityType: 'Lecture',
        locations: [l.room],
        staff: ['Dr. A. Turing'],
        groups: ['INFO-1A'],
        notes: l.notes,
        status: l.status,
      })),
    })),
  };
}

/**
 * What the calendar must hold for one person after a final clean reconcile, given what the owner did:
 * - `restore`: every desired event is back, with the timetable's content.
 * - `respect`: an event the owner deleted stays deleted while the timetable still has the content it had then;
 *   either way when the engine could not know that version (see OwnerTouch).
 * - An owner's edit is overwritten, also of a version the engine never recorded: the hash marker still matches
 *   the timetable then, but Graph's `lastModifiedDateTime` later than `createdDateTime` shows the edit, and the
 *   reconcile rewrites the event. One exception, for such an edit only: one made within Exchange's tolerance
 *   between a new event's two stamps (CREATED_STAMP_TOLERANCE_MS, one second) cannot be seen, so the copy may keep
 *   it. Random sequences edit within milliseconds of a create; calendar-check.ts reads the stamps on the event to
 *   allow exactly those, and state-machine.test.ts has sequences where the owner edits later.
 */
export function expectationsFor(
  model: SyncModel,
  person: ModelPerson,
  desired: readonly DesiredEvent[],
): CalendarExpectations {
  const mustBeAbsent = new Set<string>();
  const mayBeAbsent = new Set<string>();
  const mayKeepUnseenOwnerEdit = new Set<string>();
  for (const want of desired) {
    const deleted = model.ownerDeleted.get(want.sourceKey);
    if (model.policy === 'respect' && deleted?.hash === want.contentHash) {
      (deleted.ambiguous ? mayBeAbsent : mustBeAbsent).add(want.sourceKey);
    }
    const edited = model.ownerEdited.get(want.sourceKey);
    if (edited?.ambiguous && edited.hash === want.contentHash) mayKeepUnseenOwnerEdit.add(want.sourceKey);
  }
  return {
    foreign: [...(model.foreign.get(person.upn)?.values() ?? [])],
    mustBeAbsent,
    mayBeAbsent,
    mayKeepUnseenOwnerEdit,
  };
}

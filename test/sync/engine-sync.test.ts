// The engine end to end against the emulator over HTTPS: a real config file, msal with the test certificate,
// PGlite, the JSON source. What a university admin would check in the calendars afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_KEY_PROPERTY_ID } from '../../src/mapping/index.ts';
import { listRuns } from '../../src/store/index.ts';
import { syncPeople } from '../../src/sync/sync-people.ts';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { lectures, startTestEngine, type TestEngine, type TimetableJson } from '../support/engine.ts';

interface InspectedEvent {
  id: string;
  subject: string;
  changeKey: string;
  singleValueExtendedProperties?: { id: string; value: string }[];
  writtenBy: { kind: string };
}

describe('sync engine against the emulator', () => {
  let emulator: TestEmulator;
  let engine: TestEngine;
  const s1Events = lectures('s1', 12);
  const s2Events = lectures('s2', 5);
  const timetable = (s1 = s1Events, s2 = s2Events): TimetableJson => ({
    timeZone: 'Europe/Amsterdam',
    people: [
      { id: 's1', mailbox: people.s1.upn, events: s1 },
      { id: 's2', mailbox: people.s2.upn, events: s2 },
      { id: 'outsider', mailbox: people.outsider.upn, events: lectures('out', 2) },
      { id: 'onprem', mailbox: people.noMailbox.upn, events: lectures('onprem', 2) },
    ],
  });

  const mailbox = async (upn: string): Promise<InspectedEvent[]> => {
    const response = await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${upn}/events`);
    return ((await response.json()) as { value: InspectedEvent[] }).value;
  };
  const ours = (events: InspectedEvent[]) =>
    events.filter((e) =>
      e.singleValueExtendedProperties?.some((p) => p.id.toLowerCase() === SOURCE_KEY_PROPERTY_ID.toLowerCase()),
    );

  beforeAll(async () => {
    emulator = await startTestEmulator();
    engine = await startTestEngine(emulator, timetable());
  });
  afterAll(async () => {
    await engine?.close();
    await emulator?.close();
  });

  it('creates every timetable event once, leaves the owner’s own event alone, and reports per person', async () => {
    const before = await mailbox(people.s1.upn);
    const summary = await syncPeople(engine.engine, { kind: 'sync' });
    const byId = new Map(summary.outcomes.map((o) => [o.personId, o]));
    expect(byId.get('s1')).toMatchObject({ status: 'succeeded', counts: { created: 12 } });
    expect(byId.get('s2')).toMatchObject({ status: 'succeeded', counts: { created: 5 } });
    expect(byId.get('outsider')).toMatchObject({ status: 'failed', code: 'ErrorAccessDenied' });
    expect(byId.get('onprem')).toMatchObject({ status: 'failed', code: 'MailboxNotEnabledForRESTAPI' });

    const after = await mailbox(people.s1.upn);
    expect(ours(after)).toHaveLength(12);
    const dentist = after.find((e) => e.subject === 'Dentist');
    expect(dentist).toEqual(before.find((e) => e.subject === 'Dentist'));
    // 12 + 5 creates in one batch per person, plus one listing each (first sync).
    expect(summary.graph.batchItems).toBe(17);
  });

  it('sends nothing on an unchanged re-run', async () => {
    const summary = await syncPeople(engine.engine, { kind: 'sync', personIds: ['s1', 's2'] });
    expect(summary.graph.httpRequests).toBe(0);
    expect(summary.outcomes.every((o) => o.status === 'succeeded' && o.counts.unchanged > 0)).toBe(true);
  });

  it('updates a changed event, deletes a removed one, and respects an event the user deleted', async () => {
    const changed = s1Events.map((e, i) => (i === 0 ? { ...e, title: 'Moved lecture' } : e)).slice(0, 11);
    engine.writeTimetable(timetable(changed));
    const victim = ours(await mailbox(people.s1.upn)).find((e) => e.subject.includes('Lecture 5'));
    expect(victim).toBeDefined();
    await emulator.fetch(`${emulator.url}/_emulator/mailboxes/${people.s1.upn}/events/${victim?.id}`, {
      method: 'DELETE',
    });
    const edited = changed.map((e, i) => (i === 5 ? { ...e, title: 'Lecture 5 (new room)' } : e));
    engine.writeTimetable(timetable(edited));

    const summary = await syncPeople(engine.engine, { kind: 'sync', personIds: ['s1'] });
    const [s1] = summary.outcomes;
    expect(s1).toMatchObject({ status: 'succeeded' });
    const events = ours(await mailbox(people.s1.upn));
    const subjects = events.map((e) => e.subject).sort();
    expect(subjects).toHaveLength(11);
    expect(subjects.some((s) => s.includes('Moved lecture'))).toBe(true);
    expect(subjects.some((s) => s.includes('Lecture 11'))).toBe(false);
    // The user deleted it, but the timetable changed it since: it comes back, changed.
    expect(subjects.some((s) => s.includes('Lecture 5 (new room)'))).toBe(true);
  });

  it('dry run plans without writing', async () => {
    engine.writeTimetable(timetable(s1Events.slice(0, 10)));
    const before = ours(await mailbox(people.s1.upn)).length;
    const summary = await syncPeople(engine.engine, { kind: 'dry-run', personIds: ['s1'] });
    expect(summary.outcomes[0]).toMatchObject({ status: 'planned' });
    expect(summary.outcomes[0]?.counts.deleted).toBeGreaterThan(0);
    expect(ours(await mailbox(people.s1.upn))).toHaveLength(before);
  });

  it('counts the calendar listing among a run’s Graph requests', async () => {
    const summary = await syncPeople(engine.engine, { kind: 'reconcile', personIds: ['s2'] });
    // Nothing to change in s2's calendar: the one page of the listing is the run's only request.
    expect(summary.outcomes[0]).toMatchObject({ status: 'succeeded', graphRequests: 1, listed: true });
    const [run] = await listRuns(engine.engine.store.db, 's2', { limit: 1 });
    expect(run?.counts).toMatchObject({ graphRequests: 1, created: 0, updated: 0, deleted: 0 });
  });
});

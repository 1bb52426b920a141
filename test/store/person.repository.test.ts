import { describe, expect, it } from 'vitest';
import { countPeopleByStatus, dashboardCounts } from '../../src/store/dashboard.repository.ts';
import {
  getPerson,
  listPeople,
  recordPersonStatus,
  updatePersonSettings,
  upsertPeople,
  upsertPerson,
} from '../../src/store/person.repository.ts';
import { describeEachDialect, useStore } from './dialects.ts';

describeEachDialect('people', (dialect) => {
  const store = useStore(dialect);

  it('adds a person who has never been synced', async () => {
    const { db } = store();
    await upsertPerson(db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
    const person = await getPerson(db, 's1');
    expect(person).toMatchObject({
      id: 's1',
      mailbox: 's1@uni.example',
      authMode: 'application',
      settings: {},
      status: 'never_synced',
      statusReason: null,
      lastSyncAt: null,
      lastSuccessAt: null,
    });
    expect(person?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await getPerson(db, 'nobody')).toBeUndefined();
  });

  it('updates the mailbox of a known person and keeps their settings and status', async () => {
    const { db } = store();
    await upsertPerson(db, { id: 's1', mailbox: 'old@uni.example', authMode: 'application' });
    await updatePersonSettings(db, 's1', { reminderMinutes: 10, activityTypes: ['Lecture'], categories: false });
    await recordPersonStatus(db, 's1', { status: 'ok', syncedAt: '2026-12-01T08:00:00Z' });
    await upsertPerson(db, { id: 's1', mailbox: 'new@uni.example', authMode: 'delegated' });
    expect(await getPerson(db, 's1')).toMatchObject({
      mailbox: 'new@uni.example',
      authMode: 'delegated',
      settings: { reminderMinutes: 10, activityTypes: ['Lecture'], categories: false },
      status: 'ok',
    });
  });

  it('upserts many people at once, the last entry of a repeated id winning', async () => {
    const { db } = store();
    const people = Array.from({ length: 25_000 }, (_, i) => ({
      id: `p${String(i).padStart(5, '0')}`,
      mailbox: `p${i}@uni.example`,
      authMode: 'application' as const,
    }));
    await upsertPeople(db, [...people, { id: 'p00000', mailbox: 'again@uni.example', authMode: 'application' }]);
    const listed = await listPeople(db);
    expect(listed).toHaveLength(25_000);
    expect(listed[0]).toMatchObject({ id: 'p00000', mailbox: 'again@uni.example' });
  });

  it('lists people by status, ordered by id, a page at a time', async () => {
    const { db } = store();
    await upsertPeople(
      db,
      ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, mailbox: `${id}@uni.example`, authMode: 'application' as const })),
    );
    await recordPersonStatus(db, 'b', { status: 'failing', reason: 'no mailbox', code: 'MailboxNotEnabledForRESTAPI' });
    await recordPersonStatus(db, 'd', { status: 'reconnect_needed', code: 'AADSTS50173' });
    await recordPersonStatus(db, 'e', { status: 'ok' });

    const ids = (people: readonly { id: string }[]) => people.map((person) => person.id);
    expect(ids(await listPeople(db))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(ids(await listPeople(db, { status: 'failing' }))).toEqual(['b']);
    expect(ids(await listPeople(db, { status: ['failing', 'reconnect_needed'] }))).toEqual(['b', 'd']);
    expect(ids(await listPeople(db, { status: [] }))).toEqual([]);
    expect(ids(await listPeople(db, { limit: 2 }))).toEqual(['a', 'b']);
    expect(ids(await listPeople(db, { afterId: 'b', limit: 2 }))).toEqual(['c', 'd']);
  });

  describe('status', () => {
    it('records a failure with its reason and code, and when the run ended', async () => {
      const { db } = store();
      await upsertPerson(db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
      const recorded = await recordPersonStatus(db, 's1', {
        status: 'failing',
        reason: 'The mailbox s1@uni.example is not in Exchange Online.',
        code: 'MailboxNotEnabledForRESTAPI',
        syncedAt: '2026-12-01T09:00:00+01:00',
      });
      expect(recorded).toBe(true);
      expect(await getPerson(db, 's1')).toMatchObject({
        status: 'failing',
        statusReason: 'The mailbox s1@uni.example is not in Exchange Online.',
        statusCode: 'MailboxNotEnabledForRESTAPI',
        lastSyncAt: '2026-12-01T08:00:00.000Z',
        lastSuccessAt: null,
      });
    });

    it('sets the last success only for an ok status, and clears the reason', async () => {
      const { db } = store();
      await upsertPerson(db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
      await recordPersonStatus(db, 's1', {
        status: 'failing',
        reason: 'x',
        code: 'y',
        syncedAt: '2026-12-01T08:00:00Z',
      });
      await recordPersonStatus(db, 's1', { status: 'ok', syncedAt: '2026-12-01T09:00:00Z' });
      expect(await getPerson(db, 's1')).toMatchObject({
        status: 'ok',
        statusReason: null,
        statusCode: null,
        lastSyncAt: '2026-12-01T09:00:00.000Z',
        lastSuccessAt: '2026-12-01T09:00:00.000Z',
      });
      // A status that does not come from a run (a token refresh failed) leaves the sync times alone.
      await recordPersonStatus(db, 's1', { status: 'reconnect_needed', code: 'AADSTS700082' });
      expect(await getPerson(db, 's1')).toMatchObject({
        status: 'reconnect_needed',
        lastSyncAt: '2026-12-01T09:00:00.000Z',
        lastSuccessAt: '2026-12-01T09:00:00.000Z',
      });
    });

    it('moves the time the status changed only when the status changes', async () => {
      const { db } = store();
      await upsertPerson(db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
      await recordPersonStatus(db, 's1', { status: 'failing', reason: 'first' });
      await db.updateTable('person').set({ statusChangedAt: '2020-01-01T00:00:00Z' }).where('id', '=', 's1').execute();
      await recordPersonStatus(db, 's1', { status: 'failing', reason: 'second' });
      expect(await getPerson(db, 's1')).toMatchObject({
        statusReason: 'second',
        statusChangedAt: '2020-01-01T00:00:00.000Z',
      });
      await recordPersonStatus(db, 's1', { status: 'ok' });
      expect((await getPerson(db, 's1'))?.statusChangedAt).not.toBe('2020-01-01T00:00:00.000Z');
    });

    it('says so when the person does not exist', async () => {
      const { db } = store();
      expect(await recordPersonStatus(db, 'nobody', { status: 'ok' })).toBe(false);
      expect(await updatePersonSettings(db, 'nobody', {})).toBe(false);
    });

    it('rejects a status the schema does not know', async () => {
      const { db } = store();
      await upsertPerson(db, { id: 's1', mailbox: 's1@uni.example', authMode: 'application' });
      // @ts-expect-error: not a PersonStatus
      await expect(recordPersonStatus(db, 's1', { status: 'great' })).rejects.toThrow(/check constraint/);
    });
  });

  it('counts people by status for the dashboard, every status present', async () => {
    const { db } = store();
    expect(await countPeopleByStatus(db)).toEqual({
      never_synced: 0,
      ok: 0,
      failing: 0,
      reconnect_needed: 0,
      held: 0,
      disconnected: 0,
    });
    await upsertPeople(
      db,
      ['a', 'b', 'c', 'd'].map((id) => ({ id, mailbox: `${id}@uni.example`, authMode: 'application' as const })),
    );
    await recordPersonStatus(db, 'a', { status: 'ok' });
    await recordPersonStatus(db, 'b', { status: 'ok' });
    await recordPersonStatus(db, 'c', { status: 'failing' });
    expect(await dashboardCounts(db)).toEqual({
      people: 4,
      peopleByStatus: { never_synced: 1, ok: 2, failing: 1, reconnect_needed: 0, held: 0, disconnected: 0 },
      openPlans: 0,
    });
  });
});

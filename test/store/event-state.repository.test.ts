import { describe, expect, it } from 'vitest';
import {
  applyEventStateChange,
  applyEventStateChanges,
  clearEventStates,
  loadEventStates,
} from '../../src/store/event-state.repository.ts';
import { upsertPeople } from '../../src/store/person.repository.ts';
import { describeEachDialect, useStore } from './dialects.ts';
import { eventState } from './event-state-fixture.ts';

describeEachDialect('event state', (dialect) => {
  const store = useStore(dialect);
  const people = async () => {
    await upsertPeople(store().db, [
      { id: 's1', mailbox: 's1@uni.example', authMode: 'application' },
      { id: 's2', mailbox: 's2@uni.example', authMode: 'application' },
    ]);
  };

  it('stores the state of a created event and loads it back as an EventState', async () => {
    await people();
    const { db } = store();
    await applyEventStateChange(db, 's1', { kind: 'upsert', state: eventState('k1') });
    expect(await loadEventStates(db, 's1')).toEqual([eventState('k1')]);
    expect(await loadEventStates(db, 's2')).toEqual([]);
  });

  it('returns instants as UTC ISO strings whatever offset they were written with', async () => {
    await people();
    const { db } = store();
    await applyEventStateChange(db, 's1', {
      kind: 'upsert',
      state: eventState('k1', {
        startUtc: '2026-12-01T09:00:00+01:00',
        endUtc: '2026-03-29T03:30:00+02:00', // just after the European DST switch
        lastSyncedAt: '2026-11-30T23:59:59.123Z',
      }),
    });
    const [loaded] = await loadEventStates(db, 's1');
    expect(loaded).toMatchObject({
      startUtc: '2026-12-01T08:00:00.000Z',
      endUtc: '2026-03-29T01:30:00.000Z',
      lastSyncedAt: '2026-11-30T23:59:59.123Z',
    });
  });

  it('replaces the state of an updated event and clears a user-deleted mark', async () => {
    await people();
    const { db } = store();
    await applyEventStateChange(db, 's1', { kind: 'upsert', state: eventState('k1', { userDeletedHash: 'old' }) });
    const updated = eventState('k1', {
      graphId: 'AAMkAG-new',
      contentHash: 'h2',
      changeKey: 'ck2',
      userDeletedHash: null,
    });
    await applyEventStateChange(db, 's1', { kind: 'upsert', state: updated });
    expect(await loadEventStates(db, 's1')).toEqual([updated]);
  });

  it('forgets a deleted event, and a delete of an unknown key is no error', async () => {
    await people();
    const { db } = store();
    await applyEventStateChanges(db, 's1', [
      { kind: 'upsert', state: eventState('k1') },
      { kind: 'upsert', state: eventState('k2') },
    ]);
    await applyEventStateChange(db, 's1', { kind: 'delete', sourceKey: 'k1' });
    await applyEventStateChange(db, 's1', { kind: 'delete', sourceKey: 'never-there' });
    expect((await loadEventStates(db, 's1')).map((row) => row.sourceKey)).toEqual(['k2']);
  });

  it('marks a user-deleted event with the content hash it had', async () => {
    await people();
    const { db } = store();
    await applyEventStateChange(db, 's1', { kind: 'upsert', state: eventState('k1', { contentHash: 'h-at-delete' }) });
    await applyEventStateChange(db, 's1', { kind: 'userDeleted', sourceKey: 'k1' });
    expect(await loadEventStates(db, 's1')).toEqual([
      eventState('k1', { contentHash: 'h-at-delete', userDeletedHash: 'h-at-delete' }),
    ]);
  });

  it('changes only the given person', async () => {
    await people();
    const { db } = store();
    await applyEventStateChange(db, 's1', { kind: 'upsert', state: eventState('k1') });
    await applyEventStateChange(db, 's2', { kind: 'upsert', state: eventState('k1') });
    await applyEventStateChange(db, 's2', { kind: 'userDeleted', sourceKey: 'k1' });
    await applyEventStateChange(db, 's2', { kind: 'delete', sourceKey: 'k1' });
    expect(await loadEventStates(db, 's1')).toEqual([eventState('k1')]);
    expect(await loadEventStates(db, 's2')).toEqual([]);
  });

  describe('a batch of results', () => {
    it('applies upserts, deletes and user-deleted marks of a batch of 20 together', async () => {
      await people();
      const { db } = store();
      await applyEventStateChanges(
        db,
        's1',
        Array.from({ length: 10 }, (_, i) => ({ kind: 'upsert' as const, state: eventState(`k${i}`) })),
      );
      await applyEventStateChanges(db, 's1', [
        ...Array.from({ length: 14 }, (_, i) => ({
          kind: 'upsert' as const,
          state: eventState(`k${i + 6}`, { changeKey: 'new' }),
        })),
        { kind: 'delete', sourceKey: 'k0' },
        { kind: 'delete', sourceKey: 'k1' },
        { kind: 'delete', sourceKey: 'k2' },
        { kind: 'userDeleted', sourceKey: 'k3' },
        { kind: 'userDeleted', sourceKey: 'k4' },
        { kind: 'userDeleted', sourceKey: 'k5' },
      ]);
      const loaded = await loadEventStates(db, 's1');
      expect(loaded.map((row) => row.sourceKey)).toEqual(
        ['k3', 'k4', 'k5', ...Array.from({ length: 14 }, (_, i) => `k${i + 6}`)].sort(),
      );
      expect(loaded.filter((row) => row.userDeletedHash !== null).map((row) => row.sourceKey)).toEqual([
        'k3',
        'k4',
        'k5',
      ]);
      expect(loaded.filter((row) => row.changeKey === 'new')).toHaveLength(14);
    });

    it('applies several changes of one key in order (the last one wins)', async () => {
      await people();
      const { db } = store();
      await applyEventStateChanges(db, 's1', [
        { kind: 'upsert', state: eventState('k1') },
        { kind: 'delete', sourceKey: 'k1' },
        { kind: 'delete', sourceKey: 'k2' },
        { kind: 'upsert', state: eventState('k2', { changeKey: 'second' }) },
        { kind: 'upsert', state: eventState('k3', { changeKey: 'first' }) },
        { kind: 'upsert', state: eventState('k3', { changeKey: 'second' }) },
      ]);
      expect(await loadEventStates(db, 's1')).toEqual([
        eventState('k2', { changeKey: 'second' }),
        eventState('k3', { changeKey: 'second' }),
      ]);
    });

    it('does nothing for an empty batch', async () => {
      await people();
      await applyEventStateChanges(store().db, 's1', []);
      expect(await loadEventStates(store().db, 's1')).toEqual([]);
    });

    it('writes a large batch (more than one statement can carry) atomically', async () => {
      await people();
      const { db } = store();
      const many = Array.from({ length: 12_000 }, (_, i) => ({ kind: 'upsert' as const, state: eventState(`k${i}`) }));
      await applyEventStateChanges(db, 's1', many);
      expect(await loadEventStates(db, 's1')).toHaveLength(12_000);
      // The last row refers to a person who does not exist: nothing of the batch may stay.
      await expect(applyEventStateChanges(db, 'nobody', many.slice(0, 11_999).concat(many.slice(-1)))).rejects.toThrow(
        /foreign key/,
      );
      expect(await loadEventStates(db, 'nobody')).toEqual([]);
    });

    it('fails as a whole: a batch with an invalid row leaves the state as it was', async () => {
      await people();
      const { db } = store();
      await applyEventStateChange(db, 's1', { kind: 'upsert', state: eventState('k1') });
      await expect(
        applyEventStateChanges(db, 's1', [
          { kind: 'delete', sourceKey: 'k1' },
          { kind: 'upsert', state: eventState('k2') },
          { kind: 'upsert', state: eventState('k3', { startUtc: 'not a time' }) },
        ]),
      ).rejects.toThrow();
      expect(await loadEventStates(db, 's1')).toEqual([eventState('k1')]);
    });
  });

  it('clears every state row of a person', async () => {
    await people();
    const { db } = store();
    await applyEventStateChanges(db, 's1', [
      { kind: 'upsert', state: eventState('k1') },
      { kind: 'upsert', state: eventState('k2') },
    ]);
    await applyEventStateChange(db, 's2', { kind: 'upsert', state: eventState('k1') });
    expect(await clearEventStates(db, 's1')).toBe(2);
    expect(await loadEventStates(db, 's1')).toEqual([]);
    expect(await loadEventStates(db, 's2')).toHaveLength(1);
  });
});

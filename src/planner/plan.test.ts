// The planner's decision table, one row per rule.
import { describe, expect, it } from 'vitest';
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import { PlanInputError, plan } from './plan.ts';
import type { PlanAction } from './plan-action.ts';
import type { PlanInput } from './plan-input.ts';
import { afterUserDelete } from './user-deleted-policy.ts';

const window = { startUtc: '2026-11-17T00:00:00.000Z', endUtc: '2027-05-30T00:00:00.000Z' };
const inside = { startUtc: '2026-12-01T08:00:00.000Z', endUtc: '2026-12-01T09:00:00.000Z' };
const history = { startUtc: '2026-10-01T08:00:00.000Z', endUtc: '2026-10-01T09:00:00.000Z' };
const farFuture = { startUtc: '2027-09-01T08:00:00.000Z', endUtc: '2027-09-01T09:00:00.000Z' };

function desired(sourceKey: string, contentHash = 'h1', span = inside): DesiredEvent {
  return { sourceKey, contentHash, payload: { subject: sourceKey }, ...span };
}

function stored(sourceKey: string, fields: Partial<EventState> = {}): EventState {
  return {
    sourceKey,
    graphId: `g-${sourceKey}`,
    contentHash: 'h1',
    changeKey: 'ck1',
    ...inside,
    userDeletedHash: null,
    lastSyncedAt: '2026-11-30T00:00:00.000Z',
    ...fields,
  };
}

/** The calendar copy matching a state row, with changes. */
function listed(row: EventState, fields: Partial<RemoteEvent> = {}): RemoteEvent {
  const { sourceKey, graphId, changeKey, contentHash, startUtc, endUtc } = row;
  return { sourceKey, graphId, changeKey, contentHash, startUtc, endUtc, ...fields };
}

function planOf(input: Partial<PlanInput>) {
  return plan({
    desired: [],
    state: [],
    window,
    policy: { onUserDelete: 'respect', maxDeleteShare: 1 },
    sourceTrusted: true,
    ...input,
  });
}

/** One line per action, e.g. `update k g-k If-Match ck1 → h2`. */
function line(action: PlanAction): string {
  switch (action.kind) {
    case 'create':
      return `create ${action.sourceKey} → ${action.desired.contentHash}`;
    case 'update':
      return `update ${action.sourceKey} ${action.graphId} If-Match ${action.changeKey} → ${action.desired.contentHash}`;
    case 'overwrite-user-edit':
      return `overwrite-user-edit ${action.sourceKey} ${action.graphId} If-Match ${action.changeKey} → ${action.desired.contentHash}`;
    case 'delete':
      return `delete ${action.sourceKey} ${action.graphId}`;
    case 'adopt':
      return `adopt ${action.sourceKey} ${action.remote.graphId}${action.update ? ` → ${action.update.contentHash}` : ''}`;
    case 'remove-duplicate':
      return `remove-duplicate ${action.sourceKey} ${action.graphId} (keep ${action.keptGraphId})`;
    case 'forget':
      return `forget ${action.sourceKey}`;
    case 'mark-user-deleted':
      return `mark-user-deleted ${action.sourceKey} ${action.deletedHash}`;
    case 'recreate':
      return `recreate ${action.sourceKey} (was ${action.previousGraphId}) → ${action.desired.contentHash}`;
  }
}

const actionsOf = (input: Partial<PlanInput>) => planOf(input).actions.map(line);

const k = stored('k');
const deletedK = stored('k', { userDeletedHash: 'h1' });

describe('a normal sync (no listing)', () => {
  it.each<[string, Partial<PlanInput>, string[]]>([
    ['creates a new timetable event', { desired: [desired('k')] }, ['create k → h1']],
    ['skips an unchanged event', { desired: [desired('k')], state: [k] }, []],
    [
      'updates a changed event with the stored graphId and changeKey',
      { desired: [desired('k', 'h2')], state: [k] },
      ['update k g-k If-Match ck1 → h2'],
    ],
    [
      'deletes an event gone from the timetable inside the window',
      { desired: [desired('other')], state: [k, stored('other')] },
      ['delete k g-k'],
    ],
    [
      'leaves an event that ended before the window as history',
      { desired: [desired('other')], state: [stored('k', history), stored('other')] },
      [],
    ],
    [
      'leaves an event beyond the far edge of the window',
      { desired: [desired('other')], state: [stored('k', farFuture), stored('other')] },
      [],
    ],
    [
      'keeps a user-deleted event deleted while the timetable is unchanged (respect)',
      { desired: [desired('k')], state: [deletedK] },
      [],
    ],
    [
      'recreates a user-deleted event once the timetable changes it (respect)',
      { desired: [desired('k', 'h2')], state: [deletedK] },
      ['recreate k (was g-k) → h2'],
    ],
    [
      'forgets a user-deleted event the timetable no longer has',
      { desired: [desired('other')], state: [deletedK, stored('other')] },
      ['forget k'],
    ],
  ])('%s', (_rule, input, expected) => {
    expect(actionsOf(input)).toEqual(expected);
  });

  it('recreates a user-deleted event at once under the restore policy', () => {
    expect(
      actionsOf({ desired: [desired('k')], state: [deletedK], policy: { onUserDelete: 'restore', maxDeleteShare: 1 } }),
    ).toEqual(['recreate k (was g-k) → h1']);
  });

  it('counts what needs no request', () => {
    const counts = planOf({
      desired: [desired('a'), desired('k')],
      state: [stored('a'), deletedK, stored('old', history)],
    }).counts;
    expect(counts).toMatchObject({ unchanged: 1, keptUserDeleted: 1, outsideWindow: 1, create: 0, delete: 0 });
  });
});

describe('a reconcile (with a listing of our events)', () => {
  it.each<[string, Partial<PlanInput>, string[]]>([
    ['skips an event that is as we wrote it', { desired: [desired('k')], state: [k], remote: [listed(k)] }, []],
    ['adopts our event missing from the state', { desired: [desired('k')], remote: [listed(k)] }, ['adopt k g-k']],
    [
      'adopts and updates it when its content differs',
      { desired: [desired('k', 'h2')], remote: [listed(k)] },
      ['adopt k g-k → h2'],
    ],
    [
      'adopts and updates an event of ours without a hash',
      { desired: [desired('k')], remote: [listed(k, { contentHash: null })] },
      ['adopt k g-k → h1'],
    ],
    [
      'deletes our unknown event the timetable does not have',
      { desired: [desired('x')], state: [stored('x')], remote: [listed(k), listed(stored('x'))] },
      ['delete k g-k'],
    ],
    [
      'leaves our unknown event outside the window',
      { desired: [desired('x')], state: [stored('x')], remote: [listed(stored('k', history)), listed(stored('x'))] },
      [],
    ],
    [
      'removes a duplicate, keeping the copy the state knows',
      { desired: [desired('k')], state: [k], remote: [listed(k, { graphId: 'a-copy' }), listed(k)] },
      ['remove-duplicate k a-copy (keep g-k)'],
    ],
    [
      'keeps the copy holding the desired content when the state knows none',
      {
        desired: [desired('k', 'h2')],
        remote: [listed(k, { graphId: 'a' }), listed(k, { graphId: 'b', contentHash: 'h2' })],
      },
      ['remove-duplicate k a (keep b)', 'adopt k b'],
    ],
    [
      'keeps the lowest graphId otherwise',
      {
        desired: [desired('k', 'h9')],
        remote: [listed(k, { graphId: 'c' }), listed(k, { graphId: 'a' }), listed(k, { graphId: 'b' })],
      },
      ['remove-duplicate k b (keep a)', 'remove-duplicate k c (keep a)', 'adopt k a → h9'],
    ],
    [
      'leaves a duplicate that lies outside the window',
      { desired: [desired('k')], state: [k], remote: [listed(k), listed(k, { graphId: 'old', ...history })] },
      [],
    ],
    [
      'does not take one event listed twice (a repeated page) for a duplicate',
      { desired: [desired('k')], state: [k], remote: [listed(k), listed(k)] },
      [],
    ],
    [
      'marks an event the user deleted (respect, timetable unchanged)',
      { desired: [desired('k')], state: [k], remote: [] },
      ['mark-user-deleted k h1'],
    ],
    [
      'recreates an event the user deleted when the timetable changed it',
      { desired: [desired('k', 'h2')], state: [k], remote: [] },
      ['recreate k (was g-k) → h2'],
    ],
    [
      'forgets an event the user deleted that the timetable dropped',
      { desired: [desired('x')], state: [k, stored('x')], remote: [listed(stored('x'))] },
      ['forget k'],
    ],
    [
      'does not judge a state row outside the window by its absence',
      { desired: [desired('k', 'h1', history)], state: [stored('k', history)], remote: [] },
      [],
    ],
    [
      'overwrites a user edit even when the timetable is unchanged',
      { desired: [desired('k')], state: [k], remote: [listed(k, { changeKey: 'ck-user' })] },
      ['overwrite-user-edit k g-k If-Match ck-user → h1'],
    ],
    [
      'overwrites a user edit with the new content when both changed',
      { desired: [desired('k', 'h2')], state: [k], remote: [listed(k, { changeKey: 'ck-user' })] },
      ['overwrite-user-edit k g-k If-Match ck-user → h2'],
    ],
    [
      'adopts our own write that was never recorded (crash after the write)',
      { desired: [desired('k', 'h2')], state: [k], remote: [listed(k, { changeKey: 'ck2', contentHash: 'h2' })] },
      ['adopt k g-k'],
    ],
    [
      'adopts and finishes an unrecorded write the timetable has moved on from',
      { desired: [desired('k', 'h3')], state: [k], remote: [listed(k, { changeKey: 'ck2', contentHash: 'h2' })] },
      ['adopt k g-k → h3'],
    ],
    [
      'adopts the listed copy when the state points at another event',
      { desired: [desired('k')], state: [k], remote: [listed(k, { graphId: 'g-new' })] },
      ['adopt k g-new'],
    ],
    [
      'adopts a listed copy of an event remembered as user-deleted (it is back)',
      { desired: [desired('k')], state: [deletedK], remote: [listed(k)] },
      ['adopt k g-k'],
    ],
    [
      'deletes a user-edited event the timetable dropped',
      {
        desired: [desired('x')],
        state: [k, stored('x')],
        remote: [listed(k, { changeKey: 'ck-user' }), listed(stored('x'))],
      },
      ['delete k g-k'],
    ],
  ])('%s', (_rule, input, expected) => {
    expect(actionsOf(input)).toEqual(expected);
  });

  it('restores an event the user deleted under the restore policy', () => {
    expect(
      actionsOf({
        desired: [desired('k')],
        state: [k],
        remote: [],
        policy: { onUserDelete: 'restore', maxDeleteShare: 1 },
      }),
    ).toEqual(['recreate k (was g-k) → h1']);
  });

  it('deletes with the changeKey and times the listing saw', () => {
    const [action] = planOf({
      desired: [desired('x')],
      state: [stored('x')],
      remote: [listed(k, { changeKey: 'ck9' }), listed(stored('x'))],
    }).actions;
    expect(action).toEqual({ kind: 'delete', sourceKey: 'k', graphId: 'g-k', changeKey: 'ck9', ...inside });
  });
});

describe('an untrusted source read', () => {
  const untrusted = { sourceTrusted: false };
  it.each<[string, Partial<PlanInput>, string[]]>([
    ['deletes nothing for being absent', { ...untrusted, state: [k] }, []],
    ['forgets nothing for being absent', { ...untrusted, state: [deletedK] }, []],
    [
      'adopts our listed events into the state, without writing',
      { ...untrusted, remote: [listed(k)] },
      ['adopt k g-k'],
    ],
    [
      'records our own unrecorded write',
      { ...untrusted, state: [k], remote: [listed(k, { changeKey: 'ck2', contentHash: 'h2' })] },
      ['adopt k g-k'],
    ],
    [
      'leaves a user edit for the next trusted reconcile to overwrite',
      { ...untrusted, state: [k], remote: [listed(k, { changeKey: 'ck-user' })] },
      [],
    ],
    [
      'marks a vanished event as user-deleted, deciding later',
      { ...untrusted, state: [k], remote: [] },
      ['mark-user-deleted k h1'],
    ],
    [
      'still removes duplicates',
      { ...untrusted, state: [k], remote: [listed(k), listed(k, { graphId: 'z' })] },
      ['remove-duplicate k z (keep g-k)'],
    ],
    [
      'still creates and updates what it does give',
      { ...untrusted, desired: [desired('k', 'h2'), desired('n')], state: [k] },
      ['update k g-k If-Match ck1 → h2', 'create n → h1'],
    ],
  ])('%s', (_rule, input, expected) => {
    expect(actionsOf(input)).toEqual(expected);
  });

  it('is never held', () => {
    expect(planOf({ ...untrusted, state: [k, stored('j')] }).status).toBe('ready');
  });
});

describe('the safety hold (invariant 4)', () => {
  const policy = { onUserDelete: 'respect' as const, maxDeleteShare: 0.5 };
  const five = ['a', 'b', 'c', 'd', 'e'].map((key) => stored(key));

  it('holds a plan when the source suddenly returns nothing (StorageEmpty)', () => {
    const held = planOf({ desired: [], state: [k], policy });
    expect(held.status).toBe('held');
    expect(held.actions).toEqual([]);
    expect(held.heldActions.map(line)).toEqual(['delete k g-k']);
    expect(held.hold).toMatchObject({ reason: 'source_empty', current: 1, deletes: 1, share: 1 });
    expect(held.hold?.message).toContain('returned no events');
  });

  it('does not hold an empty timetable when only history is left', () => {
    expect(planOf({ desired: [], state: [stored('k', history)], policy })).toMatchObject({
      status: 'ready',
      actions: [],
    });
  });

  it('holds a plan deleting more than maxDeleteShare, creates and updates included', () => {
    const held = planOf({ desired: [desired('a'), desired('b', 'h2'), desired('new')], state: five, policy });
    expect(held.status).toBe('held');
    expect(held.actions).toEqual([]);
    expect(held.hold).toEqual({
      reason: 'delete_share_exceeded',
      current: 5,
      deletes: 3,
      share: 0.6,
      maxDeleteShare: 0.5,
      message: 'the plan deletes 3 of 5 events (60%, more than the 50% allowed): held until an admin approves',
    });
    expect(held.counts).toMatchObject({ delete: 3, update: 1, create: 1, unchanged: 1 });
    expect(held.heldActions.map((action) => action.kind)).toEqual(['delete', 'delete', 'delete', 'update', 'create']);
  });

  it('runs a plan deleting exactly maxDeleteShare', () => {
    const ready = planOf({ desired: [desired('a'), desired('b')], state: five.slice(0, 4), policy });
    expect(ready.status).toBe('ready');
    expect(ready.counts.delete).toBe(2);
  });

  it('runs a held plan once approved for at least as many deletes, and holds it again when it grew', () => {
    const input = { desired: [desired('a')], state: five, policy };
    expect(planOf({ ...input, approvedDeletes: 4 }).status).toBe('ready');
    expect(planOf({ ...input, approvedDeletes: 3 }).status).toBe('held');
  });

  it('does not count removed duplicates as deletes', () => {
    const copies = ['x', 'y', 'z'].map((graphId) => listed(k, { graphId }));
    const ready = planOf({ desired: [desired('k')], state: [k], remote: [listed(k), ...copies], policy });
    expect(ready.status).toBe('ready');
    expect(ready.counts.removeDuplicate).toBe(3);
  });
});

describe('plan()', () => {
  it('lists removals before additions, by source key', () => {
    const actions = planOf({
      desired: [desired('b'), desired('a'), desired('c', 'h2')],
      state: [stored('c'), stored('z')],
    }).actions;
    expect(actions.map(line)).toEqual([
      'delete z g-z',
      'update c g-c If-Match ck1 → h2',
      'create a → h1',
      'create b → h1',
    ]);
  });

  it('refuses two desired events or two state rows for one key', () => {
    expect(() => planOf({ desired: [desired('k'), desired('k')] })).toThrow(PlanInputError);
    expect(() => planOf({ state: [k, k] })).toThrow(/two state rows for source key "k"/);
  });

  it('reports our events in the window before the plan', () => {
    expect(
      planOf({ state: [k, stored('old', history), stored('j', { userDeletedHash: 'h1' })], desired: [desired('k')] })
        .current,
    ).toBe(1);
  });
});

describe('afterUserDelete', () => {
  it.each([
    ['respect', 'h1', 'h1', 'keep-deleted'],
    ['respect', 'h2', 'h1', 'recreate'],
    ['restore', 'h1', 'h1', 'recreate'],
    ['respect', null, 'h1', 'forget'],
    ['restore', null, 'h1', 'forget'],
  ] as const)('%s, desired %s, deleted %s → %s', (policy, desiredHash, deletedHash, outcome) => {
    expect(afterUserDelete(policy, desiredHash, deletedHash)).toBe(outcome);
  });
});

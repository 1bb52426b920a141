// The planner when the source cannot be trusted, the safety hold, input checks, and the user-deleted rule.
import { describe, expect, it } from 'vitest';
import { PlanInputError } from './plan.ts';
import {
  actionsOf,
  deletedK,
  desired,
  history,
  k,
  line,
  listed,
  planOf,
  stored,
} from './plan-fixtures.test-support.ts';
import type { PlanInput } from './plan-input.ts';
import { afterUserDelete } from './user-deleted-policy.ts';

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

// The planner's decision table, one row per rule.
import { describe, expect, it } from 'vitest';
import {
  actionsOf,
  deletedK,
  desired,
  farFuture,
  history,
  inside,
  k,
  listed,
  planOf,
  stored,
} from './plan-fixtures.test-support.ts';
import type { PlanInput } from './plan-input.ts';

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
    [
      'adopts our event missing from the state as it is when nobody wrote it since its creation',
      { desired: [desired('k')], remote: [listed(k)] },
      ['adopt k g-k'],
    ],
    [
      'adopts and rewrites our event missing from the state that was written since its creation (an owner edit)',
      { desired: [desired('k')], remote: [listed(k, { modifiedSinceCreated: true })] },
      ['adopt k g-k → h1'],
    ],
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
      'adopts our own write that was never recorded (crash after the write) when it shows no write since creation',
      { desired: [desired('k', 'h2')], state: [k], remote: [listed(k, { changeKey: 'ck2', contentHash: 'h2' })] },
      ['adopt k g-k'],
    ],
    [
      'adopts and rewrites once our own unrecorded write, as the owner may have edited it since',
      {
        desired: [desired('k', 'h2')],
        state: [k],
        remote: [listed(k, { changeKey: 'ck2', contentHash: 'h2', modifiedSinceCreated: true })],
      },
      ['adopt k g-k → h2'],
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
      'adopts and rewrites that copy when it was written since its creation',
      { desired: [desired('k')], state: [k], remote: [listed(k, { graphId: 'g-new', modifiedSinceCreated: true })] },
      ['adopt k g-new → h1'],
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

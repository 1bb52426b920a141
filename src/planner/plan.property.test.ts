// Property tests of the planner against a model calendar: convergence to exactly the desired events, idempotence,
// never touching what is not ours, deletes only inside the window, the safety hold, and determinism.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesiredEvent } from '../model/desired-event.ts';
import type { EventState } from '../model/event-state.ts';
import type { RemoteEvent } from '../model/remote-event.ts';
import { overlapsWindow } from '../model/sync-window.ts';
import { ModelWorld } from './model-calendar.test-support.ts';
import { plan } from './plan.ts';
import type { PlanInput, PlanPolicy } from './plan-input.ts';

const dayMs = 86_400_000;
const origin = Date.UTC(2026, 10, 1);
const day = (n: number) => new Date(origin + n * dayMs).toISOString();
const window = { startUtc: day(0), endUtc: day(100) };
const KEYS = ['k0', 'k1', 'k2', 'k3', 'k4', 'k5'];

/** Content decides the hash and the times together, as the real mapper's hash covers start and end. */
function span(key: string, version: number) {
  const offset = ((KEYS.indexOf(key) * 37 + version * 53) % 160) - 30;
  return { startUtc: day(offset), endUtc: new Date(origin + offset * dayMs + 3_600_000).toISOString() };
}

function desiredOf(key: string, version: number): DesiredEvent {
  return { sourceKey: key, contentHash: `${key}v${version}`, payload: { subject: key }, ...span(key, version) };
}

const keyArb = fc.constantFrom(...KEYS);
const policyArb = fc.record({
  onUserDelete: fc.constantFrom('respect' as const, 'restore' as const),
  maxDeleteShare: fc.constant(1),
});

/** What a source returns: at most one version per key, only events overlapping the window. */
const desiredArb = fc
  .uniqueArray(fc.record({ key: keyArb, version: fc.nat(3) }), {
    selector: (entry) => entry.key,
    maxLength: KEYS.length,
  })
  .map((entries) =>
    entries.map((entry) => desiredOf(entry.key, entry.version)).filter((d) => overlapsWindow(d, window)),
  );

/** A messy starting point: our events (some duplicated, edited or without a hash), foreign events, stale state. */
const worldArb = fc.record({
  ours: fc.array(fc.record({ key: keyArb, version: fc.option(fc.nat(3), { nil: null }), edited: fc.boolean() }), {
    maxLength: 10,
  }),
  foreign: fc.nat(3),
  rows: fc.uniqueArray(
    fc.record({
      key: keyArb,
      target: fc.nat(12),
      unrecordedWrite: fc.boolean(),
      userDeleted: fc.option(fc.nat(3), { nil: null }),
    }),
    { selector: (row) => row.key, maxLength: KEYS.length },
  ),
});

type WorldSpec = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

function buildWorld(spec: WorldSpec): ModelWorld {
  const world = new ModelWorld();
  spec.ours.forEach((entry, index) => {
    const graphId = `o${index}`;
    world.calendar.set(graphId, {
      graphId,
      changeKey: `ck-${graphId}${entry.edited ? '-user' : ''}`,
      marker: { sourceKey: entry.key, contentHash: entry.version === null ? null : `${entry.key}v${entry.version}` },
      ...span(entry.key, entry.version ?? 0),
      // An edited copy was written after its creation, as Graph's two timestamps show.
      content: entry.edited ? 'edited' : 'ours',
      modifiedSinceCreated: entry.edited,
    });
  });
  for (let index = 0; index < spec.foreign; index++) {
    const graphId = `f${index}`;
    world.calendar.set(graphId, {
      graphId,
      changeKey: 'ck-f',
      marker: null,
      ...span(KEYS[index] ?? 'k0', 0),
      content: 'foreign',
      modifiedSinceCreated: false,
    });
  }
  for (const row of spec.rows) {
    const target = spec.ours[row.target];
    const userDeletedHash = row.userDeleted === null ? null : `${row.key}v${row.userDeleted}`;
    if (target !== undefined && target.key === row.key) {
      const graphId = `o${row.target}`;
      const hash = target.version === null ? `${row.key}vNone` : `${row.key}v${target.version}`;
      // An unrecorded write: the calendar has content the state never heard of.
      const contentHash = row.unrecordedWrite ? `${row.key}vOld` : hash;
      world.state.set(
        row.key,
        state(
          row.key,
          graphId,
          `ck-${graphId}${row.unrecordedWrite ? '-old' : ''}`,
          contentHash,
          span(row.key, target.version ?? 0),
          userDeletedHash,
        ),
      );
    } else {
      world.state.set(
        row.key,
        state(row.key, `gone-${row.key}`, 'ck-gone', `${row.key}v0`, span(row.key, 0), userDeletedHash),
      );
    }
  }
  return world;
}

function state(
  sourceKey: string,
  graphId: string,
  changeKey: string,
  contentHash: string,
  times: { startUtc: string; endUtc: string },
  userDeletedHash: string | null,
): EventState {
  return { sourceKey, graphId, changeKey, contentHash, ...times, userDeletedHash, lastSyncedAt: 'then' };
}

function inputFor(
  world: ModelWorld,
  desired: readonly DesiredEvent[],
  policy: PlanPolicy,
  remote: RemoteEvent[] | null,
  extra: Partial<PlanInput> = {},
): PlanInput {
  return { desired, state: [...world.state.values()], remote, window, policy, sourceTrusted: true, ...extra };
}

/** The calendar holds each desired event exactly once in the window (or, under respect, it stays user-deleted). */
function expectConverged(world: ModelWorld, desired: readonly DesiredEvent[], policy: PlanPolicy): void {
  const oursInWindow = [...world.calendar.values()].filter(
    (event) => event.marker !== null && overlapsWindow(event, window),
  );
  const wanted = new Set(desired.map((d) => d.sourceKey));
  expect(oursInWindow.filter((event) => !wanted.has(event.marker?.sourceKey ?? '')).map((e) => e.graphId)).toEqual([]);
  for (const d of desired) {
    const copies = oursInWindow.filter((event) => event.marker?.sourceKey === d.sourceKey);
    const row = world.state.get(d.sourceKey);
    if (copies.length === 0 && policy.onUserDelete === 'respect' && row?.userDeletedHash === d.contentHash) continue;
    expect(copies.map((copy) => copy.marker?.contentHash)).toEqual([d.contentHash]);
    expect(row).toMatchObject({
      graphId: copies[0]?.graphId,
      changeKey: copies[0]?.changeKey,
      contentHash: d.contentHash,
      userDeletedHash: null,
    });
  }
}

/** Our events in the window that still hold a user's edit: a reconcile overwrites every one, known or not. */
function editsLeft(world: ModelWorld): string[] {
  return [...world.calendar.values()]
    .filter((event) => event.content === 'edited' && event.marker !== null && overlapsWindow(event, window))
    .map((event) => event.graphId);
}

function expectIdle(world: ModelWorld, desired: readonly DesiredEvent[], policy: PlanPolicy): void {
  expect(plan(inputFor(world, desired, policy, world.listOurs())).actions).toEqual([]);
  expect(plan(inputFor(world, desired, policy, world.listOurs(window))).actions).toEqual([]);
  expect(plan(inputFor(world, desired, policy, null)).actions).toEqual([]);
}

describe('planner properties', () => {
  it('a reconcile brings any calendar to exactly the desired events, touching nothing foreign, and then idles', () => {
    fc.assert(
      fc.property(worldArb, desiredArb, policyArb, fc.boolean(), (spec, desired, policy, windowOnly) => {
        const world = buildWorld(spec);
        const foreign = world.foreignEvents();
        // Approved: an emptied timetable is otherwise (rightly) held; the hold has its own property below.
        const remote = windowOnly ? world.listOurs(window) : world.listOurs();
        const result = plan(inputFor(world, desired, policy, remote, { approvedDeletes: Number.POSITIVE_INFINITY }));
        world.apply(result, policy);
        expect(world.foreignEvents()).toEqual(foreign);
        expectConverged(world, desired, policy);
        expect(editsLeft(world)).toEqual([]);
        expectIdle(world, desired, policy);
      }),
      { numRuns: 2000 },
    );
  });

  it('never names a graphId it was not given, never deletes outside the window, and holds instead of over-deleting', () => {
    const inputArb = fc.record({
      spec: worldArb,
      desired: desiredArb,
      onUserDelete: fc.constantFrom('respect' as const, 'restore' as const),
      maxDeleteShare: fc.double({ min: 0.01, max: 1, noNaN: true }),
      listing: fc.constantFrom('none', 'all', 'window'),
      sourceTrusted: fc.boolean(),
      approvedDeletes: fc.option(fc.nat(6), { nil: null }),
    });
    fc.assert(
      fc.property(inputArb, (generated) => {
        const world = buildWorld(generated.spec);
        const foreign = world.foreignEvents();
        const policy = { onUserDelete: generated.onUserDelete, maxDeleteShare: generated.maxDeleteShare };
        const remote =
          generated.listing === 'none' ? null : world.listOurs(generated.listing === 'window' ? window : undefined);
        const input = inputFor(world, generated.desired, policy, remote, {
          sourceTrusted: generated.sourceTrusted,
          approvedDeletes: generated.approvedDeletes,
        });
        const result = plan(input);
        const all = [...result.actions, ...result.heldActions];

        const known = new Map<string, { startUtc: string; endUtc: string }>();
        for (const row of input.state) known.set(row.graphId, row);
        for (const event of remote ?? []) known.set(event.graphId, event);
        for (const action of all) {
          const target = 'graphId' in action ? action.graphId : action.kind === 'adopt' ? action.remote.graphId : null;
          if (target === null || action.kind === 'forget' || action.kind === 'mark-user-deleted') continue;
          expect(known.has(target), `${action.kind} of unknown ${target}`).toBe(true);
          if (action.kind === 'adopt') expect(remote?.some((event) => event.graphId === target)).toBe(true);
          if (action.kind === 'delete' || action.kind === 'remove-duplicate') {
            expect(overlapsWindow(known.get(target) ?? { startUtc: '', endUtc: '' }, window)).toBe(true);
          }
        }

        const deletes = all.filter((action) => action.kind === 'delete').length;
        if (!generated.sourceTrusted) {
          expect(all.filter((action) => action.kind === 'delete' || action.kind === 'forget')).toEqual([]);
        }
        if (result.status === 'held') {
          expect(result.actions).toEqual([]);
        } else if (deletes > 0 && (generated.approvedDeletes === null || deletes > generated.approvedDeletes)) {
          expect(input.desired.length).toBeGreaterThan(0);
          expect(deletes / result.current).toBeLessThanOrEqual(policy.maxDeleteShare);
        }

        // The same input in another order gives the same plan.
        const reordered = plan({
          ...input,
          desired: [...input.desired].reverse(),
          state: [...input.state].reverse(),
          remote: remote === null ? null : [...remote].reverse(),
        });
        expect(reordered).toEqual(result);

        // Whatever runs touches only our events.
        world.apply(result, policy);
        expect(world.foreignEvents()).toEqual(foreign);
      }),
      { numRuns: 2000 },
    );
  });

  it('survives any sequence of timetable changes, user edits and deletes, syncs and reconciles', () => {
    const stepArb = fc.oneof(
      fc.record({ kind: fc.constant('timetable' as const), desired: desiredArb }),
      fc.record({ kind: fc.constant('user-delete' as const), pick: fc.nat(20) }),
      fc.record({ kind: fc.constant('user-edit' as const), pick: fc.nat(20) }),
      // A write whose answer was lost, or a store restored from before it: the state no longer knows the event.
      fc.record({ kind: fc.constant('lost-record' as const), pick: fc.nat(20) }),
      fc.record({ kind: fc.constant('foreign' as const), key: keyArb }),
      fc.constant({ kind: 'sync' as const }),
      fc.constant({ kind: 'reconcile' as const }),
    );
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 25 }), policyArb, (steps, policy) => {
        const world = new ModelWorld();
        let desired: readonly DesiredEvent[] = [];
        for (const step of steps) {
          const ours = [...world.calendar.values()].filter((event) => event.marker !== null);
          if (step.kind === 'timetable') desired = step.desired;
          if (step.kind === 'user-delete' && ours.length > 0)
            world.calendar.delete(ours[step.pick % ours.length]?.graphId ?? '');
          if (step.kind === 'user-edit' && ours.length > 0) {
            const event = ours[step.pick % ours.length];
            if (event !== undefined)
              world.calendar.set(event.graphId, {
                ...event,
                changeKey: world.nextId('ck-user'),
                content: 'edited',
                modifiedSinceCreated: true,
              });
          }
          if (step.kind === 'lost-record' && ours.length > 0) {
            world.state.delete(ours[step.pick % ours.length]?.marker?.sourceKey ?? '');
          }
          if (step.kind === 'foreign') {
            const graphId = world.nextId('f');
            world.calendar.set(graphId, {
              graphId,
              changeKey: 'ck-f',
              marker: null,
              ...span(step.key, 1),
              content: 'foreign',
              modifiedSinceCreated: false,
            });
          }
          if (step.kind === 'sync') world.apply(plan(inputFor(world, desired, policy, null)), policy);
          if (step.kind === 'reconcile') world.apply(plan(inputFor(world, desired, policy, world.listOurs())), policy);
        }
        const foreign = world.foreignEvents();
        // A final reconcile (approved, in case the timetable was emptied) leaves exactly the desired events.
        world.apply(
          plan(inputFor(world, desired, policy, world.listOurs(), { approvedDeletes: Number.POSITIVE_INFINITY })),
          policy,
        );
        expect(world.foreignEvents()).toEqual(foreign);
        expectConverged(world, desired, policy);
        expect(editsLeft(world)).toEqual([]);
        expectIdle(world, desired, policy);
      }),
      { numRuns: 1000 },
    );
  });
});

// One event's state row as the store tests write it: every field derived from the source key, any overridden.
import type { EventState } from '../../src/model/event-state.ts';

export function eventState(sourceKey: string, overrides: Partial<EventState> = {}): EventState {
  return {
    sourceKey,
    graphId: `AAMkAG-${sourceKey}`,
    contentHash: `hash-${sourceKey}`,
    changeKey: `ck-${sourceKey}`,
    startUtc: '2026-12-01T08:00:00.000Z',
    endUtc: '2026-12-01T09:45:00.000Z',
    userDeletedHash: null,
    lastSyncedAt: '2026-11-30T12:00:00.000Z',
    ...overrides,
  };
}

// Sources return only what the engine manages: events overlapping the sync window.
import { eventInstants } from '../model/event-instants.ts';
import type { SyncWindow } from '../model/sync-window.ts';
import { overlapsWindow } from '../model/sync-window.ts';
import type { TimetableEvent } from '../model/timetable-event.ts';

export function filterToWindow(events: readonly TimetableEvent[], window: SyncWindow): TimetableEvent[] {
  return events.filter((event) => overlapsWindow(eventInstants(event.when), window));
}

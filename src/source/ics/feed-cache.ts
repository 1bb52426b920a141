// What the source remembers of each person's feed between reads, in memory: how to ask whether it changed (ETag,
// Last-Modified, a file's identity, a hash of the text), the occurrences expanded from it up to a horizon a little
// past the window, and which events the last read returned. An unchanged feed then costs one conditional request
// and no parsing, and a read can say "the same as last time". Bounded by the number of events kept; the least
// recently read people are forgotten first (their next read is a full one). Nothing of this is in the store: a
// restarted process starts with full reads.
import type { TimetableEvent } from '../../model/timetable-event.ts';
import type { FeedValidators } from './fetch-feed.ts';

export interface CachedFeed {
  readonly validators: FeedValidators | null;
  /** A feed file's inode, size and modification time. */
  readonly signature: string | null;
  /** SHA-256 of the feed text: a server without conditional requests that sends the same text again. */
  readonly hash: string;
  /** Occurrences overlapping [expandedFrom, expandedTo) (UTC ISO). */
  readonly events: readonly TimetableEvent[];
  readonly expandedFrom: string;
  readonly expandedTo: string;
  /** Ids of the events the previous read returned, in order. */
  lastIds: readonly string[];
}

export class FeedCache {
  private readonly entries = new Map<string, CachedFeed>();
  private events = 0;
  private readonly maxEvents: number;

  constructor(maxEvents: number) {
    this.maxEvents = maxEvents;
  }

  get(personId: string): CachedFeed | undefined {
    const entry = this.entries.get(personId);
    if (entry !== undefined) {
      this.entries.delete(personId);
      this.entries.set(personId, entry);
    }
    return entry;
  }

  set(personId: string, entry: CachedFeed): void {
    this.delete(personId);
    if (entry.events.length > this.maxEvents) return;
    this.entries.set(personId, entry);
    this.events += entry.events.length;
    for (const [oldest, old] of this.entries) {
      if (this.events <= this.maxEvents) break;
      this.entries.delete(oldest);
      this.events -= old.events.length;
    }
  }

  delete(personId: string): void {
    const old = this.entries.get(personId);
    if (old === undefined) return;
    this.entries.delete(personId);
    this.events -= old.events.length;
  }

  /** Whether the cached expansion spans the whole window. */
  static covers(entry: CachedFeed, window: { readonly startUtc: string; readonly endUtc: string }): boolean {
    return (
      Date.parse(entry.expandedFrom) <= Date.parse(window.startUtc) &&
      Date.parse(entry.expandedTo) >= Date.parse(window.endUtc)
    );
  }
}

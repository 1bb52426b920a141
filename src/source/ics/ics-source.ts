// The `source.type: ics` adapter: each person's iCalendar feed, from a folder (`<id>.ics`) or a URL template,
// parsed (parse-feed.ts), expanded into single occurrences in the window (feed-events.ts) and mapped to canonical
// events. A feed that cannot be read or parsed is that person's SourceError, naming the file or URL (without its
// key) and the line; nothing is ever returned in its place. Unchanged feeds cost one conditional request and no
// parsing (feed-cache.ts), and such a read says `unchanged: true`.
import { createHash } from 'node:crypto';
import type { Person } from '../../model/person.ts';
import type { SyncWindow } from '../../model/sync-window.ts';
import type { TimetableEvent } from '../../model/timetable-event.ts';
import { filterToWindow } from '../filter-to-window.ts';
import { SourceError } from '../source-error.ts';
import type { ReadOptions, SourceResult, TimetableSource } from '../timetable-source.ts';
import { type CachedFeed, FeedCache } from './feed-cache.ts';
import { feedEvents } from './feed-events.ts';
import { FeedSyntaxError } from './feed-lines.ts';
import { FeedReadError } from './feed-read-error.ts';
import { type FeedTarget, feedTargets } from './feed-target.ts';
import { redactUrl } from './feed-url.ts';
import { type FeedFetch, type FeedValidators, fetchFeed } from './fetch-feed.ts';
import { feedFilePath, readFeedFile } from './folder-feed.ts';
import type { IcsSourceConfig } from './ics-source-config.ts';
import { parseFeed } from './parse-feed.ts';
import { createRequestLimiter } from './request-limiter.ts';

export interface IcsWarning {
  readonly personId: string;
  /** The file or redacted URL. */
  readonly feed: string;
  readonly messages: readonly string[];
}

export interface IcsSourceOptions {
  readonly fetch?: FeedFetch;
  /** Called once per parsed feed that needed working around; default: a Node process warning. */
  readonly onWarning?: (warning: IcsWarning) => void;
  /** Events kept in memory across people for unchanged feeds (default 200,000, some 100 MB). */
  readonly cachedEvents?: number;
}

/** Occurrences are expanded this far past the window's end, so later reads with a moved window reuse them. */
export const HORIZON_DAYS = 14;

type Loaded =
  | { readonly kind: 'same' }
  | {
      readonly kind: 'feed';
      readonly text: string;
      readonly validators: FeedValidators | null;
      readonly signature: string | null;
    };

export function createIcsSource(config: IcsSourceConfig, options: IcsSourceOptions = {}): TimetableSource {
  const { feeds } = config;
  const description =
    feeds.kind === 'folder' ? `iCalendar folder ${feeds.folder}` : `iCalendar feeds ${redactUrl(feeds.template)}`;
  const cache = new FeedCache(options.cachedEvents ?? 200_000);
  const limiter = createRequestLimiter({
    maxConcurrent: config.maxConcurrentRequests,
    perSecond: config.maxRequestsPerSecond,
  });
  const targets = feeds.kind === 'url' ? feedTargets(feeds.template, feeds.peopleFile) : null;
  const onWarning =
    options.onWarning ??
    ((warning: IcsWarning) =>
      process.emitWarning(`${description}: person ${warning.personId}: ${warning.messages.join('; ')}`, {
        code: 'TIMETABLE_SYNC_FEED',
      }));

  const failure = (person: Person, code: SourceError['code'], summary: string, cause?: unknown) =>
    new SourceError(
      code,
      {
        source: description,
        personId: person.id,
        summary: `person ${person.id}: ${summary}; nothing of theirs was changed`,
      },
      cause === undefined ? undefined : { cause },
    );

  /** `previous`: the cached feed when it covers the window (ask conditionally), else null (ask for everything). */
  async function load(
    person: Person,
    previous: CachedFeed | null,
    target: FeedTarget | null,
    signal?: AbortSignal,
  ): Promise<Loaded> {
    if (target === null) {
      const folder = feeds.kind === 'folder' ? feeds.folder : '';
      const file = await readFeedFile(folder, person.id, previous?.signature ?? null, config.maxFeedBytes);
      return file.kind === 'unchanged'
        ? { kind: 'same' }
        : { kind: 'feed', text: file.text, validators: null, signature: file.signature };
    }
    const answer = await limiter.run(() =>
      fetchFeed({
        url: target.url,
        redact: target.redact,
        validators: previous?.validators ?? null,
        timeoutMs: config.requestTimeoutMs,
        maxBytes: config.maxFeedBytes,
        ...(signal ? { signal } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    );
    return answer.kind === 'not-modified'
      ? { kind: 'same' }
      : { kind: 'feed', text: answer.text, validators: answer.validators, signature: null };
  }

  return {
    description,
    async read(person: Person, window: SyncWindow, readOptions: ReadOptions = {}): Promise<SourceResult> {
      let where: string;
      let target: FeedTarget | null = null;
      let loaded: Loaded;
      const cached = cache.get(person.id);
      const covered = cached !== undefined && FeedCache.covers(cached, window);
      try {
        if (targets === null) {
          where = feedFilePath(feeds.kind === 'folder' ? feeds.folder : '', person.id);
        } else {
          target = await targets.target(person);
          if (target === null) return { kind: 'unknown-person', personId: person.id };
          where = `feed ${target.redact(target.url)}`;
        }
        loaded = await load(person, covered ? cached : null, target, readOptions.signal);
      } catch (error) {
        if (!(error instanceof FeedReadError)) throw error;
        throw failure(person, 'SOURCE_UNREADABLE', error.message, error);
      }
      const hash = loaded.kind === 'feed' ? createHash('sha256').update(loaded.text).digest('hex') : null;
      if (cached !== undefined && covered && (loaded.kind === 'same' || hash === cached.hash)) {
        // The same feed: the occurrences expanded last time serve this window too.
        const entry =
          loaded.kind === 'feed' ? { ...cached, validators: loaded.validators, signature: loaded.signature } : cached;
        const events = filterToWindow(entry.events, window);
        const unchanged = sameIds(events, entry.lastIds);
        entry.lastIds = events.map((event) => event.id);
        if (entry !== cached) cache.set(person.id, entry);
        return { kind: 'timetable', person, events, ...(unchanged ? { unchanged: true } : {}) };
      }
      if (loaded.kind === 'same') throw new Error('a feed reported unchanged without a cached copy');
      const expanded = parse(person, loaded.text, where, window);
      const events = filterToWindow(expanded.events, window);
      cache.set(person.id, {
        validators: loaded.validators,
        signature: loaded.signature,
        hash: hash ?? '',
        events: expanded.events,
        expandedFrom: window.startUtc,
        expandedTo: expanded.horizon,
        lastIds: events.map((event) => event.id),
      });
      return { kind: 'timetable', person, events };
    },
  };

  function parse(person: Person, text: string, where: string, window: SyncWindow) {
    const horizon = new Date(Date.parse(window.endUtc) + HORIZON_DAYS * 86_400_000).toISOString();
    let result: ReturnType<typeof feedEvents>;
    try {
      result = feedEvents(parseFeed(text), {
        defaultZone: config.timeZone,
        window: { startUtc: window.startUtc, endUtc: horizon },
      });
    } catch (error) {
      if (!(error instanceof FeedSyntaxError)) throw error;
      const line = error.line > 0 ? ` line ${error.line}` : '';
      throw failure(person, 'SOURCE_MALFORMED', `${where}${line}: ${error.message}`, error);
    }
    if (result.problems.length > 0) {
      throw new SourceError('SOURCE_INVALID_EVENTS', {
        source: description,
        personId: person.id,
        problems: result.problems.map((problem) => ({
          path: `${where} line ${problem.line}`,
          message: problem.message,
          personId: person.id,
          eventId: problem.uid,
        })),
        summary: `person ${person.id}: ${result.problems.length} event(s) in the feed cannot be read; nothing of theirs was changed`,
      });
    }
    if (result.warnings.length > 0) onWarning({ personId: person.id, feed: where, messages: result.warnings });
    return { events: result.events, horizon };
  }
}

function sameIds(events: readonly TimetableEvent[], ids: readonly string[]): boolean {
  return events.length === ids.length && events.every((event, index) => event.id === ids[index]);
}

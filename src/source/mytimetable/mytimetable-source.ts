// The `source.type: mytimetable` adapter: each person's timetable from MyTimetable's REST API, read with an elevated
// token on their behalf (the `requestedAuth` header names them), page by page (read-pages.ts), at a request rate
// shared by everyone. Every failure is that person's SourceError; a user MyTimetable does not know is `unknown-person`.
import type { SecretRef } from '../../config/config.ts';
import { readSecret } from '../../config/read-secret.ts';
import type { Person } from '../../model/person.ts';
import type { SyncWindow } from '../../model/sync-window.ts';
import { createFileRoster } from '../../people/file-roster.ts';
import { filterToWindow } from '../filter-to-window.ts';
import { SourceError } from '../source-error.ts';
import type { ReadOptions, SourceResult, TimetableSource } from '../timetable-source.ts';
import { type PageClient, PageFailure, type TimetableFetch } from './mytimetable-client.ts';
import type { MyTimetableSourceConfig } from './mytimetable-config.ts';
import { myTimetableUsername, type PersonWithUsername, type UsernameRule } from './mytimetable-username.ts';
import { type Clock, RateLimiter } from './rate-limiter.ts';
import { type PagesResult, readAllPages } from './read-pages.ts';

export interface MyTimetableOptions {
  readonly baseUrl: string;
  /** The elevated API token: read once, when first needed. */
  readonly apiToken: SecretRef | { readonly kind: 'value'; readonly value: string };
  readonly username: UsernameRule;
  /** Timetable types to include (`type=` once each); all of the user's when empty. */
  readonly types: readonly string[];
  readonly pageSize: number;
  readonly requestsPerSecond: number;
  readonly timeoutMs: number;
  /** Sent as Accept-Language (MyTimetable translates activity types and descriptions). */
  readonly language: string | null;
  /** The institution's IANA zone: events are written in it, and all-day events are its days. */
  readonly timeZone: string;
  readonly fetch?: TimetableFetch;
  readonly clock?: Clock;
  /** Attempts per page for 429, 5xx and broken connections (default 3). */
  readonly maxAttempts?: number;
  /**
   * With `username.mode: column`, for a person given without their roster entry (picked by id from the store):
   * their username from the people file; undefined when the file has no such person.
   */
  readonly findUsername?: (personId: string) => Promise<string | null | undefined>;
}

/** The adapter as the configuration describes it. */
export function createMyTimetableSourceFrom(config: MyTimetableSourceConfig): TimetableSource {
  const roster = config.peopleFile === null ? null : createFileRoster(config.peopleFile);
  return createMyTimetableSource({
    baseUrl: config.baseUrl,
    apiToken: config.apiToken,
    username: { mode: config.username, prefix: config.usernamePrefix, suffix: config.usernameSuffix },
    types: config.types,
    pageSize: config.pageSize,
    requestsPerSecond: config.requestsPerSecond,
    timeoutMs: config.timeoutMs,
    language: config.language,
    timeZone: config.timeZone,
    ...(roster ? { findUsername: async (id: string) => (await roster.find(id))?.username } : {}),
  });
}

export function createMyTimetableSource(options: MyTimetableOptions): TimetableSource {
  const description = `MyTimetable ${options.baseUrl}`;
  const limiter = new RateLimiter({ requestsPerSecond: options.requestsPerSecond, ...clockOption(options.clock) });
  const client: PageClient = {
    limiter,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
  let token: Promise<string> | null = null;

  const apiToken = (): Promise<string> => {
    if (options.apiToken.kind === 'value') return Promise.resolve(options.apiToken.value);
    if (token === null) {
      const reading = readSecret(options.apiToken);
      token = reading;
      // A token file fixed after a failed read is read again by the next person.
      reading.catch(() => {
        if (token === reading) token = null;
      });
    }
    return token;
  };

  const withUsername = async (person: PersonWithUsername): Promise<PersonWithUsername> => {
    if (options.username.mode !== 'column' || person.username !== undefined || !options.findUsername) return person;
    try {
      return { ...person, username: (await options.findUsername(person.id)) ?? null };
    } catch (error) {
      const summary = `cannot look up the username of person ${person.id}: ${(error as Error).message}`;
      throw new SourceError(
        'SOURCE_UNREADABLE',
        { source: description, personId: person.id, summary },
        { cause: error },
      );
    }
  };

  return {
    description,
    async read(person: Person, window: SyncWindow, readOptions: ReadOptions = {}): Promise<SourceResult> {
      const fail = (code: 'SOURCE_UNREADABLE' | 'SOURCE_MALFORMED', summary: string, cause?: unknown) =>
        new SourceError(code, { source: description, personId: person.id, summary }, { cause });
      const username = myTimetableUsername(await withUsername(person as PersonWithUsername), options.username);
      if (!username.ok) throw fail('SOURCE_UNREADABLE', username.reason);
      let secret: string;
      try {
        secret = await apiToken();
      } catch (error) {
        throw fail('SOURCE_UNREADABLE', `cannot read the API token: ${(error as Error).message}`, error);
      }
      const who = `person ${person.id} (MyTimetable user ${JSON.stringify(username.username)})`;
      let result: PagesResult;
      try {
        result = await readAllPages(client, {
          baseUrl: options.baseUrl,
          token: secret,
          username: username.username,
          limit: options.pageSize,
          types: options.types,
          language: options.language,
          timeoutMs: options.timeoutMs,
          signal: readOptions.signal,
          personId: person.id,
          windowStartMs: Date.parse(window.startUtc),
          windowEndMs: Date.parse(window.endUtc),
          timeZone: options.timeZone,
        });
      } catch (error) {
        if (!(error instanceof PageFailure)) throw error;
        // A rotated token file is read again by the next person.
        if (error.status === 401) token = null;
        throw fail(
          error.kind === 'malformed' ? 'SOURCE_MALFORMED' : 'SOURCE_UNREADABLE',
          `${who}: ${error.message}`,
          error,
        );
      }
      switch (result.kind) {
        case 'unknown-user':
          // Not an empty timetable: the engine leaves the calendar alone and says the person is not in the source.
          return { kind: 'unknown-person', personId: person.id };
        case 'invalid':
          throw new SourceError('SOURCE_INVALID_EVENTS', {
            source: description,
            personId: person.id,
            problems: result.problems,
            summary: `${who}: MyTimetable sent events that cannot be used (page ${result.page}, from ${result.from}); their calendar is left as it is`,
          });
        case 'stuck':
          throw fail('SOURCE_UNREADABLE', `${who}: ${result.reason}`);
        case 'events':
          return { kind: 'timetable', person, events: filterToWindow(result.events, window) };
      }
    },
  };
}

function clockOption(clock: Clock | undefined): { clock?: Clock } {
  return clock ? { clock } : {};
}

// Where one person's feed is, for the URL form of the source: the template filled from the people file (or, with a
// group roster, from the person's mailbox), and how that URL may be shown in messages.
import type { Person } from '../../model/person.ts';
import { createFileRoster } from '../../people/file-roster.ts';
import { PeopleError } from '../../people/people-error.ts';
import { FeedReadError } from './feed-read-error.ts';
import { type FeedValues, feedUrl, redactUrl } from './feed-url.ts';

export interface FeedTarget {
  readonly url: string;
  /** The URL as messages show it: the person's feed key and key-like parameters replaced by `***`. */
  readonly redact: (url: string) => string;
}

export interface FeedTargets {
  /** Null when the people file does not know the person; a FeedReadError when their URL cannot be built. */
  target(person: Person): Promise<FeedTarget | null>;
}

/** `peopleFile`: absolute path of the people file the template's columns come from, or null (a group roster). */
export function feedTargets(template: string, peopleFile: string | null): FeedTargets {
  const roster = peopleFile === null ? null : createFileRoster(peopleFile);
  return {
    async target(person) {
      let values: FeedValues;
      if (roster === null) {
        values = { id: person.id, mailbox: person.mailbox, username: localPart(person.mailbox), feedKey: null };
      } else {
        const entry = await roster.find(person.id).catch((error: unknown) => {
          if (!(error instanceof PeopleError)) throw error;
          throw new FeedReadError(`the feed URL cannot be built: ${error.message}`, null, { cause: error });
        });
        if (entry === undefined) return null;
        values = { ...entry, username: entry.username ?? localPart(entry.mailbox) };
      }
      const filled = feedUrl(template, values);
      if ('missing' in filled) {
        throw new FeedReadError(
          `the feed URL needs {${filled.missing}}, which the people file does not give for them`,
          null,
        );
      }
      return { url: filled.url, redact: (url) => redactUrl(url, [values.feedKey]) };
    },
  };
}

/** `{username}` without a username column: the part of the mailbox before `@`. */
function localPart(mailbox: string): string | null {
  const at = mailbox.indexOf('@');
  return at > 0 ? mailbox.slice(0, at) : null;
}

// `source.type: ics`: the schema of the section (checked with the rest of the configuration file) and its
// resolved form. Feeds come from a folder of `<id>.ics` files or from a URL template filled in per person.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { isIanaZone } from '../../model/local-time.ts';
import type { AuthMode } from '../../model/person.ts';
import type { ValidationProblem } from '../../model/validation-problem.ts';
import type { PeopleConfig } from '../../people/people-config.ts';
import { placeholdersOf, templateProblems } from './feed-url.ts';

export type IcsFeeds =
  /** One file per person, `<folder>/<id>.ics` (absolute folder). */
  | { readonly kind: 'folder'; readonly folder: string }
  /**
   * One URL per person from the template; `{username}` and `{feedKey}` come from the people file (`peopleFile`,
   * null with a group roster, where `{username}` is the part of the mailbox before `@`).
   */
  | { readonly kind: 'url'; readonly template: string; readonly peopleFile: string | null };

export interface IcsSourceConfig {
  readonly type: 'ics';
  readonly feeds: IcsFeeds;
  /** IANA zone for floating times and all-day events (the institution's). */
  readonly timeZone: string;
  /** Per feed request, body included. */
  readonly requestTimeoutMs: number;
  /** A larger feed (after decompression) is that person's error. */
  readonly maxFeedBytes: number;
  readonly maxConcurrentRequests: number;
  readonly maxRequestsPerSecond: number;
}

export const icsSourceSchema = z
  .strictObject({
    type: z.literal('ics'),
    folder: z.string().min(1, 'must not be empty').optional(),
    url: z.string().min(1, 'must not be empty').optional(),
    timeZone: z
      .string()
      .refine(
        isIanaZone,
        'must be an IANA time zone like Europe/Amsterdam (floating times and all-day events are read in it)',
      ),
    requestTimeoutSeconds: z.number().positive('must be more than 0').max(600, 'must be at most 600').default(30),
    maxFeedMegabytes: z.number().positive('must be more than 0').max(1024, 'must be at most 1024').default(10),
    maxConcurrentRequests: z.number().int().min(1, 'must be at least 1').max(64, 'must be at most 64').default(4),
    maxRequestsPerSecond: z.number().positive('must be more than 0').max(1000, 'must be at most 1000').default(10),
  })
  .superRefine((value, context) => {
    if (value.folder !== undefined && value.url !== undefined) {
      context.addIssue({ code: 'custom', message: 'use either folder or url, not both', path: ['url'] });
    } else if (value.folder === undefined && value.url === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'needs folder (one <id>.ics file per person) or url (a template like https://…?user={username})',
        path: [],
      });
    }
    for (const message of value.url === undefined ? [] : templateProblems(value.url)) {
      context.addIssue({ code: 'custom', message: `${message} (got ${JSON.stringify(value.url)})`, path: ['url'] });
    }
  });

export type IcsSourceSection = z.infer<typeof icsSourceSchema>;

export interface IcsResolveContext {
  /** The folder relative paths resolve against (the config file's). */
  readonly baseDir: string;
  readonly people: PeopleConfig | null;
  readonly auth: AuthMode;
  readonly problems: ValidationProblem[];
}

export function resolveIcsSource(section: IcsSourceSection, context: IcsResolveContext): IcsSourceConfig {
  const { people, problems } = context;
  if (people === null && context.auth === 'application') {
    problems.push({
      path: 'people',
      message:
        'is required with source.type ics: feeds do not say whose they are (people.file: ./people.csv, or people.group: <Entra group id>)',
    });
  }
  let feeds: IcsFeeds;
  if (section.folder !== undefined) {
    const folder = resolve(context.baseDir, section.folder);
    const problem = notAFolder(folder);
    if (problem !== null)
      problems.push({
        path: 'source.folder',
        message: `${problem} (got ${JSON.stringify(section.folder)} → ${folder})`,
      });
    feeds = { kind: 'folder', folder };
  } else {
    const template = section.url ?? '';
    if (placeholdersOf(template).includes('feedKey') && people?.kind !== 'file') {
      problems.push({
        path: 'source.url',
        message: "uses {feedKey}, which comes from the people file's feedKey column: set people.file",
      });
    }
    feeds = { kind: 'url', template, peopleFile: people?.kind === 'file' ? people.path : null };
  }
  return {
    type: 'ics',
    feeds,
    timeZone: section.timeZone,
    requestTimeoutMs: Math.round(section.requestTimeoutSeconds * 1000),
    maxFeedBytes: Math.round(section.maxFeedMegabytes * 1024 * 1024),
    maxConcurrentRequests: section.maxConcurrentRequests,
    maxRequestsPerSecond: section.maxRequestsPerSecond,
  };
}

function notAFolder(path: string): string | null {
  try {
    return statSync(path).isDirectory() ? null : 'is not a folder';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'folder not found' : (error as Error).message;
  }
}

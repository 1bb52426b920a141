// `source.type: mytimetable`: the schema of the section (checked with the rest of the configuration file) and its
// resolved form. The elevated API token is a reference (a file or an environment variable), read when needed.
import { z } from 'zod';
import type { SecretRef } from '../../config/config.ts';
import { isIanaZone } from '../../model/local-time.ts';
import type { AuthMode } from '../../model/person.ts';
import type { ValidationProblem } from '../../model/validation-problem.ts';
import type { PeopleConfig } from '../../people/people-config.ts';
import type { UsernameMode } from './mytimetable-username.ts';

export interface MyTimetableSourceConfig {
  readonly type: 'mytimetable';
  /** `https://mytimetable.uni.example` (no trailing slash); the API is under `{baseUrl}/api/v0/`. */
  readonly baseUrl: string;
  readonly apiToken: SecretRef;
  readonly username: UsernameMode;
  readonly usernamePrefix: string;
  readonly usernameSuffix: string;
  /** With `username: column`: the people file that has the column (absolute), for people not read from it. */
  readonly peopleFile: string | null;
  /** Timetable types to include (`type=` once each); empty: all of the user's. */
  readonly types: readonly string[];
  readonly pageSize: number;
  /** For the whole process, every person together. */
  readonly requestsPerSecond: number;
  readonly timeoutMs: number;
  readonly language: string | null;
  readonly timeZone: string;
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** https, or http to this machine only (a local proxy, a test server): the token must not cross a network in clear. */
function isAllowedBase(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  if (url.search !== '' || url.hash !== '' || url.username !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const myTimetableSourceSchema = z
  .strictObject({
    type: z.literal('mytimetable'),
    baseUrl: z
      .string()
      .refine(isAllowedBase, 'must be an https:// URL without query or fragment (http:// only for localhost)'),
    apiTokenFile: z.string().min(1, 'must not be empty').optional(),
    apiTokenEnv: z.string().regex(envName, 'must be an environment variable name like MYTIMETABLE_TOKEN').optional(),
    username: z.enum(['upn-local-part', 'upn', 'column']).default('upn-local-part'),
    usernamePrefix: z.string().default(''),
    usernameSuffix: z.string().default(''),
    types: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be a timetable type like student or module')).default([]),
    pageSize: z.number().int().min(1, 'must be at least 1').max(10_000, 'must be at most 10000').default(500),
    requestsPerSecond: z.number().positive('must be more than 0').max(1000, 'must be at most 1000').default(10),
    timeoutSeconds: z.number().positive('must be more than 0').max(600, 'must be at most 600').default(30),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag like en or nl-NL')
      .optional(),
    timeZone: z
      .string()
      .refine(isIanaZone, 'must be an IANA time zone like Europe/Amsterdam (events are written in it)'),
  })
  .superRefine((value, context) => {
    if (value.apiTokenFile !== undefined && value.apiTokenEnv !== undefined) {
      context.addIssue({
        code: 'custom',
        message: 'use either apiTokenFile or apiTokenEnv, not both',
        path: ['apiTokenEnv'],
      });
    } else if (value.apiTokenFile === undefined && value.apiTokenEnv === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'needs the elevated API token: apiTokenFile (a file holding it) or apiTokenEnv (a variable name)',
        path: [],
      });
    }
  });

export type MyTimetableSourceSection = z.infer<typeof myTimetableSourceSchema>;

export interface MyTimetableResolveContext {
  readonly people: PeopleConfig | null;
  readonly auth: AuthMode;
  readonly problems: ValidationProblem[];
  /** Checks and resolves a secret reference (reporting a missing file or an unset variable). */
  readonly secret: (key: string, fromFile: string | undefined, fromEnv: string | undefined) => SecretRef | null;
}

export function resolveMyTimetableSource(
  section: MyTimetableSourceSection,
  context: MyTimetableResolveContext,
): MyTimetableSourceConfig {
  const { people, problems } = context;
  if (people === null && context.auth === 'application') {
    problems.push({
      path: 'people',
      message:
        'is required with source.type mytimetable: MyTimetable does not list whom to sync (people.file: ./people.csv, or people.group: <Entra group id>)',
    });
  }
  if (section.username === 'column' && people?.kind !== 'file') {
    problems.push({
      path: 'source.username',
      message: "column takes each person's username from the people file's username column: set people.file",
    });
  }
  const apiToken = context.secret('source.apiToken', section.apiTokenFile, section.apiTokenEnv);
  return {
    type: 'mytimetable',
    baseUrl: section.baseUrl.replace(/\/+$/, ''),
    // The schema guarantees one of the two forms.
    apiToken: apiToken ?? { kind: 'env', name: '' },
    username: section.username,
    usernamePrefix: section.usernamePrefix,
    usernameSuffix: section.usernameSuffix,
    peopleFile: section.username === 'column' && people?.kind === 'file' ? people.path : null,
    types: section.types,
    pageSize: section.pageSize,
    requestsPerSecond: section.requestsPerSecond,
    timeoutMs: Math.round(section.timeoutSeconds * 1000),
    language: section.language ?? null,
    timeZone: section.timeZone,
  };
}

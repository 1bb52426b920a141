// A small university tenant and principals for the dispatcher's unit tests (no server, no certificates, no keys).
import { EmulatorContext } from '../context.ts';
import type { Principal } from '../entra/access-token.ts';
import type { SigningKey } from '../entra/signing-key.ts';
import { parseSeed } from '../seed.ts';
import { dispatchGraphRequest } from './dispatch.ts';
import type { GraphResponse } from './graph-request.ts';
import { populateSeedEvents } from './seed-events.ts';

export const tenantId = '6f1c1c52-0d1e-4f5e-9a57-0d6c2c5f4a10';
export const otherTenantId = '7e2d2d63-1e2f-4a6b-8b68-1e7d3d6a5b21';
export const clientId = '0b7e5f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
export const deniedClientId = '1c8f6a4b-2d3e-4f6a-9bac-1d2e3f4a5b6c';
export const groupId = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
export const nestedGroupId = '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e';

export const people = {
  s1: { id: '11111111-1111-4111-8111-111111111111', upn: 's1@uni.example' },
  s2: { id: '22222222-2222-4222-8222-222222222222', upn: 's2@uni.example' },
  outsider: { id: '33333333-3333-4333-8333-333333333333', upn: 'outsider@uni.example' },
  noMailbox: { id: '44444444-4444-4444-8444-444444444444', upn: 'onprem@uni.example' },
  nested: { id: '55555555-5555-4555-8555-555555555555', upn: 'nested@uni.example' },
} as const;

export function graphTestContext(): EmulatorContext {
  const seed = parseSeed(
    {
      tenants: [
        {
          id: tenantId,
          domain: 'uni.example',
          users: Object.entries(people).map(([name, p]) => ({
            id: p.id,
            userPrincipalName: p.upn,
            displayName: name,
            mailbox: name !== 'noMailbox',
          })),
          groups: [
            {
              id: groupId,
              displayName: 'Timetable sync users',
              mailEnabledSecurity: true,
              members: [people.s1.upn, people.s2.upn, people.noMailbox.upn, nestedGroupId],
            },
            { id: nestedGroupId, displayName: 'Nested', members: [people.nested.upn] },
          ],
          applications: [
            {
              clientId,
              displayName: 'timetable-sync',
              applicationPermissions: ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'],
              accessPolicy: { groupId, accessRight: 'RestrictAccess' },
            },
            {
              clientId: deniedClientId,
              displayName: 'denied-group app',
              applicationPermissions: ['Calendars.ReadWrite'],
              accessPolicy: { groupId, accessRight: 'DenyAccess' },
            },
          ],
          events: {
            [people.s1.upn]: [
              {
                subject: 'Dentist',
                start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Amsterdam' },
                end: { dateTime: '2026-12-01T10:00:00', timeZone: 'Europe/Amsterdam' },
              },
            ],
          },
        },
        {
          id: otherTenantId,
          domain: 'other.example',
          users: [{ id: '66666666-6666-4666-8666-666666666666', userPrincipalName: 'x@other.example' }],
          applications: [],
        },
      ],
    },
    'graph test seed',
  );
  const context = new EmulatorContext(seed, undefined as unknown as SigningKey);
  context.baseUrl = 'https://127.0.0.1:8443';
  populateSeedEvents(context);
  return context;
}

export function appPrincipal(
  roles: readonly string[] = ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'],
): Principal {
  return { kind: 'application', tenantId, clientId, roles };
}

export function delegatedPrincipal(
  userId: string = people.s1.id,
  scopes: readonly string[] = ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite', 'User.Read'],
): Principal {
  return { kind: 'delegated', tenantId, clientId, userId, scopes };
}

/** Response bodies are JSON read freely in assertions. */
// biome-ignore lint/suspicious/noExplicitAny: JSON bodies are read freely in assertions.
export type JsonBody = any;

export interface CallOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
  readonly principal?: Principal;
}

/** Calls the dispatcher as the HTTP layer would; `url` is below /v1.0 and may carry a query string. */
export function call(
  context: EmulatorContext,
  method: string,
  url: string,
  options: CallOptions = {},
): Promise<GraphResponse & { body: JsonBody }> {
  const [path = '', search = ''] = url.split('?');
  const query: Record<string, string> = { ...options.query };
  for (const [key, value] of new URLSearchParams(search)) query[key] = value;
  return dispatchGraphRequest(context, {
    method,
    path: decodeURIComponent(path),
    query,
    headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body: options.body,
    principal: options.principal ?? appPrincipal(),
  }) as Promise<GraphResponse & { body: JsonBody }>;
}

/** A plain one-hour event in UTC, merged with `extra`. */
export function eventBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    subject: 'Lecture',
    start: { dateTime: '2026-12-01T08:00:00', timeZone: 'UTC' },
    end: { dateTime: '2026-12-01T09:00:00', timeZone: 'UTC' },
    ...extra,
  };
}

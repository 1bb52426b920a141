// The group roster against the emulator: every user in the group and in groups nested in it, over several pages,
// and the errors an admin meets first (the permission not granted, a wrong group id).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphClient } from '../../src/graph/graph-client.ts';
import { createGroupRoster } from '../../src/people/group-roster.ts';
import { PeopleError } from '../../src/people/people-error.ts';
import { groupId, people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';

const nestedGroupId = '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e';
const nested = { id: '55555555-5555-4555-8555-555555555555', upn: 'nested@uni.example' };

let emulator: TestEmulator;

beforeAll(async () => {
  emulator = await startTestEmulator({
    extraSeed: (seed) => {
      const tenant = (seed.tenants as Record<string, unknown[]>[])[0] as Record<string, unknown[]>;
      tenant.users?.push({
        id: nested.id,
        userPrincipalName: nested.upn,
        displayName: 'nested',
        password: 'pw',
        mailbox: true,
      });
      const groups = tenant.groups as { id: string; members: string[] }[];
      groups[0]?.members.push(nestedGroupId, people.s1.upn);
      groups.push({ id: nestedGroupId, displayName: 'Year 1', members: [nested.upn, people.s2.upn] } as never);
    },
  });
});
afterAll(async () => {
  await emulator?.close();
});

async function graphWith(roles: readonly string[]): Promise<GraphClient> {
  const token = await emulator.appToken(roles);
  return new GraphClient({
    graphEndpoint: emulator.url,
    caPem: emulator.emulator.caPem,
    tokenProvider: { getToken: async () => token },
    retry: { sleep: async () => {} },
  });
}

async function failure(promise: Promise<unknown>): Promise<PeopleError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof PeopleError)) throw new Error(`expected a PeopleError, got ${String(error)}`);
  return error;
}

describe('group roster', () => {
  it('lists every user of the group and its nested groups once, following every page', async () => {
    const graph = await graphWith(['GroupMember.Read.All']);
    const roster = createGroupRoster(groupId, graph, 2);
    const listed = await roster.listPeople();
    expect(listed.map((person) => person.id).sort()).toEqual(
      [people.s1.upn, people.s2.upn, people.noMailbox.upn, nested.upn].sort(),
    );
    expect(listed[0]).toEqual({ id: people.s1.upn, mailbox: people.s1.upn, username: null, feedKey: null });
    // Four users (the nested group itself is not a person) over pages of two.
    expect(graph.stats.httpRequests).toBe(2);
    await graph.close();
  });

  it('says which permission to grant when the app may not read the group', async () => {
    const graph = await graphWith(['Calendars.ReadWrite']);
    const error = await failure(createGroupRoster(groupId, graph).listPeople());
    expect(error.code).toBe('PEOPLE_PERMISSION');
    expect(error.message).toBe(
      `Entra group ${groupId}: the application may not read the group's members (Authorization_RequestDenied): grant it the Microsoft Graph application permission GroupMember.Read.All, with admin consent`,
    );
    await graph.close();
  });

  it('names a group that does not exist', async () => {
    const graph = await graphWith(['GroupMember.Read.All']);
    const missing = '00000000-0000-4000-8000-000000000000';
    const error = await failure(createGroupRoster(missing, graph).listPeople());
    expect(error.code).toBe('PEOPLE_UNREADABLE');
    expect(error.message).toContain(`no group with the id ${missing} in the tenant: check people.group`);
    await graph.close();
  });
});

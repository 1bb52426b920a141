// The people of an Entra group (`people.group`): every user in it or in a group nested in it, through Graph's
// `GET /groups/{id}/transitiveMembers/microsoft.graph.user`, every page. The app needs GroupMember.Read.All; a
// group that cannot be listed completely is an error, never a shorter roster.
import type { GraphClient, GraphRequest } from '../graph/graph-client.ts';
import { GraphError, GraphProtocolError, GraphTransportError } from '../graph/graph-error.ts';
import { PeopleError } from './people-error.ts';
import type { PeopleRoster, RosterEntry } from './people-roster.ts';

/**
 * Each person's id and mailbox is their user principal name: readable, and what a feed file is named after.
 * `pageSize` is Graph's `$top` (at most 999).
 */
export function createGroupRoster(groupId: string, graph: GraphClient, pageSize = 999): PeopleRoster {
  const description = `Entra group ${groupId}`;
  return {
    description,
    async listPeople() {
      const people = new Map<string, RosterEntry>();
      const seenLinks = new Set<string>();
      let request: GraphRequest = {
        method: 'GET',
        path: `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user`,
        query: { $select: 'id,userPrincipalName', $top: pageSize },
      };
      for (;;) {
        const body = await readPage(graph, request, description, groupId);
        for (const user of body.value) {
          const upn = (user as { userPrincipalName?: unknown }).userPrincipalName;
          if (typeof upn !== 'string' || upn === '') throw protocol(description, 'a member without userPrincipalName');
          people.set(upn.toLowerCase(), { id: upn, mailbox: upn, username: null, feedKey: null });
        }
        const next = body['@odata.nextLink'];
        if (next === undefined) return [...people.values()];
        if (typeof next !== 'string' || seenLinks.has(next)) throw protocol(description, 'a broken @odata.nextLink');
        seenLinks.add(next);
        request = { method: 'GET', path: next };
      }
    },
  };
}

async function readPage(
  graph: GraphClient,
  request: GraphRequest,
  description: string,
  groupId: string,
): Promise<{ value: unknown[]; '@odata.nextLink'?: unknown }> {
  let body: unknown;
  try {
    body = (await graph.requestOk(request)).body;
  } catch (error) {
    throw fromGraphFailure(error, description, groupId);
  }
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) throw protocol(description, 'a page without a `value` list');
  return body as { value: unknown[] };
}

/** Graph's refusals become advice; a token failure (AuthError) passes through as it is, with its AADSTS code. */
function fromGraphFailure(error: unknown, description: string, groupId: string): unknown {
  if (error instanceof GraphError && error.status === 403) {
    const summary = `the application may not read the group's members (${error.graphCode}): grant it the Microsoft Graph application permission GroupMember.Read.All, with admin consent`;
    return new PeopleError('PEOPLE_PERMISSION', { roster: description, summary }, { cause: error });
  }
  if (error instanceof GraphError && error.status === 404) {
    const summary = `no group with the id ${groupId} in the tenant: check people.group (the group's Object ID in Entra)`;
    return new PeopleError('PEOPLE_UNREADABLE', { roster: description, summary }, { cause: error });
  }
  if (error instanceof GraphError || error instanceof GraphTransportError || error instanceof GraphProtocolError) {
    const summary = `cannot list its members (${error.message})`;
    return new PeopleError('PEOPLE_UNREADABLE', { roster: description, summary }, { cause: error });
  }
  return error;
}

function protocol(description: string, what: string): PeopleError {
  return new PeopleError('PEOPLE_UNREADABLE', { roster: description, summary: `Microsoft Graph sent ${what}` });
}

// Admins by Entra group (`web.adminGroup`): whether the signed-in user is a (transitive) member, asked of Graph with
// the application's own token. Needs the application permission GroupMember.Read.All (admin consent). Checked once
// per sign-in; the answer lives in the session.
import type { GraphClient } from '../graph/graph-client.ts';

export async function isGroupMember(graph: GraphClient, groupId: string, objectId: string): Promise<boolean> {
  let path: string | undefined = `/groups/${encodeURIComponent(groupId)}/transitiveMembers`;
  let query: Record<string, string | number> | undefined = { $select: 'id', $top: 999 };
  const wanted = objectId.toLowerCase();
  while (path) {
    const response = await graph.requestOk({ method: 'GET', path, ...(query ? { query } : {}) });
    const body = response.body as { value?: { id?: unknown }[]; '@odata.nextLink'?: unknown } | undefined;
    if ((body?.value ?? []).some((member) => String(member.id).toLowerCase() === wanted)) return true;
    const next = body?.['@odata.nextLink'];
    path = typeof next === 'string' ? next : undefined;
    query = undefined;
  }
  return false;
}

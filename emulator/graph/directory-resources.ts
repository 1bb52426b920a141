// Directory reads a calendar sync needs: `GET /me`, `GET /users/{id|upn}` and `GET /groups/{id}/transitiveMembers`
// (the people an access policy group covers), with Entra's permission checks and error codes.
import type { EmulatorContext } from '../context.ts';
import type { Group, Tenant, User } from '../directory.ts';
import { badRequest, GraphError, insufficientPrivileges } from './graph-error.ts';
import type { GraphRequest, GraphResponse } from './graph-request.ts';
import { principalTenant, referencedUser, type UserReference } from './mailbox-access.ts';
import { contextUrl, nextLink } from './paging.ts';
import { holds, holdsOwnProfile } from './permissions.ts';
import { queryValue } from './query-options.ts';

function notFound(key: string): GraphError {
  return new GraphError(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

function userObject(user: User): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: null,
    jobTitle: null,
    mail: user.hasMailbox ? user.userPrincipalName : null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: null,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
  };
}

function groupObject(group: Group): Record<string, unknown> {
  return {
    id: group.id,
    displayName: group.displayName,
    mailEnabled: group.mailEnabledSecurity,
    securityEnabled: true,
  };
}

function selectFields(object: Record<string, unknown>, select: string | undefined): Record<string, unknown> {
  if (select === undefined) return object;
  const view: Record<string, unknown> = {};
  for (const name of select
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
    if (!key) throw badRequest(`Could not find a property named '${name}' on type 'microsoft.graph.user'.`);
    view[key] = object[key];
  }
  return view;
}

export function getUser(context: EmulatorContext, request: GraphRequest, reference: UserReference): GraphResponse {
  const { principal } = request;
  const tenant = principalTenant(context, principal);
  const user = referencedUser(context, tenant, principal, reference);
  const isSelf = principal.kind === 'delegated' && user?.id === principal.userId.toLowerCase();
  const allowed = isSelf ? holdsOwnProfile(principal) : holds(principal, 'user.read');
  if (!allowed) throw insufficientPrivileges();
  if (!user) throw notFound(reference.kind === 'me' ? 'me' : reference.key);
  return {
    status: 200,
    body: {
      '@odata.context': contextUrl(context, 'users/$entity'),
      ...selectFields(userObject(user), queryValue(request.query, '$select')),
    },
  };
}

const directoryPageSize = 100;
const directoryMaxPageSize = 999;

/** Members of a group and of every group nested in it, users and groups alike, each once. */
export function listTransitiveMembers(
  context: EmulatorContext,
  request: GraphRequest,
  groupId: string,
  onlyUsers: boolean,
): GraphResponse {
  const { principal } = request;
  const tenant = principalTenant(context, principal);
  if (!holds(principal, 'groupMembers.read')) throw insufficientPrivileges();
  const group = context.directory.group(tenant, groupId);
  if (!group) throw notFound(groupId);
  const members = transitiveMembers(context, tenant, group).filter((m) => !onlyUsers || m.type === 'user');
  const topText = queryValue(request.query, '$top');
  const top = topText === undefined ? directoryPageSize : Number(topText);
  if (!Number.isInteger(top) || top < 1 || top > directoryMaxPageSize) {
    throw badRequest(
      `Invalid page size specified: '${topText}'. Must be between 1 and ${directoryMaxPageSize} inclusive.`,
    );
  }
  const offset = readSkipToken(queryValue(request.query, '$skiptoken'));
  const page = members.slice(offset, offset + top);
  const select = queryValue(request.query, '$select');
  const body: Record<string, unknown> = {
    '@odata.context': contextUrl(context, onlyUsers ? 'users' : 'directoryObjects'),
    value: page.map((member) => ({
      '@odata.type': member.type === 'user' ? '#microsoft.graph.user' : '#microsoft.graph.group',
      ...selectFields(member.type === 'user' ? userObject(member.user) : groupObject(member.group), select),
    })),
  };
  if (offset + page.length < members.length) {
    body['@odata.nextLink'] = nextLink(context, request, '$skiptoken', skipToken(offset + page.length));
  }
  return { status: 200, body };
}

type Member = { type: 'user'; user: User } | { type: 'group'; group: Group };

function transitiveMembers(context: EmulatorContext, tenant: Tenant, root: Group): Member[] {
  const members: Member[] = [];
  const seen = new Set<string>([root.id]);
  const visit = (group: Group) => {
    for (const id of group.memberIds) {
      if (seen.has(id)) continue;
      seen.add(id);
      const user = context.directory.user(tenant, id);
      if (user) {
        members.push({ type: 'user', user });
        continue;
      }
      const nested = context.directory.group(tenant, id);
      if (nested) {
        members.push({ type: 'group', group: nested });
        visit(nested);
      }
    }
  };
  visit(root);
  return members;
}

/** Directory paging tokens are opaque to clients; here they carry the offset. */
function skipToken(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function readSkipToken(token: string | undefined): number {
  if (token === undefined) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString());
  if (!match) throw badRequest(`The specified page token value '${token}' is not valid.`);
  return Number(match[1]);
}

// Who may reach which mailbox: the caller's permission for the resource, the addressed user (`/me` or
// `/users/{id|upn}`), the mailbox behind that user, and the Exchange application access policy, checked in the
// order Graph checks them so each refusal carries Graph's code.
import type { EmulatorContext } from '../context.ts';
import type { Tenant, User } from '../directory.ts';
import type { Principal } from '../entra/access-token.ts';
import type { MailboxScope } from './event-store.ts';
import { accessDenied, badRequest, GraphError } from './graph-error.ts';
import { type Access, holds } from './permissions.ts';

/** How the request named the user: `me`, or the id or user principal name after `/users/`. */
export type UserReference = { readonly kind: 'me' } | { readonly kind: 'user'; readonly key: string };

export interface ResolvedMailbox extends MailboxScope {
  /** The user as the request spelled them, for `@odata.context` (`users('s1%40uni.example')`). */
  readonly contextKey: string;
}

export function meRequiresDelegated(): GraphError {
  return badRequest('/me request is only valid with delegated authentication flow.');
}

export function principalTenant(context: EmulatorContext, principal: Principal): Tenant {
  const tenant = context.directory.tenant(principal.tenantId);
  if (!tenant) throw new GraphError(401, 'InvalidAuthenticationToken', 'Access token validation failure.');
  return tenant;
}

/** The directory user a reference names, within the caller's tenant (undefined when there is none). */
export function referencedUser(
  context: EmulatorContext,
  tenant: Tenant,
  principal: Principal,
  reference: UserReference,
): User | undefined {
  if (reference.kind === 'me') {
    if (principal.kind !== 'delegated') throw meRequiresDelegated();
    return context.directory.user(tenant, principal.userId);
  }
  return context.directory.user(tenant, reference.key);
}

export function resolveMailbox(
  context: EmulatorContext,
  principal: Principal,
  reference: UserReference,
  access: Access,
): ResolvedMailbox {
  const tenant = principalTenant(context, principal);
  if (reference.kind === 'me' && principal.kind !== 'delegated') throw meRequiresDelegated();
  if (!holds(principal, access)) throw accessDenied();
  const user = referencedUser(context, tenant, principal, reference);
  const spelled = reference.kind === 'me' ? (principal as { userId: string }).userId : reference.key;
  if (!user) {
    throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${spelled}' is invalid.`);
  }
  // Delegated tokens reach only the signed-in user's own mailbox (no shared calendars in the emulator).
  if (principal.kind === 'delegated' && user.id !== principal.userId.toLowerCase()) throw accessDenied();
  const mailbox = context.mailbox(tenant, user);
  if (!mailbox) {
    throw new GraphError(
      404,
      'MailboxNotEnabledForRESTAPI',
      'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    );
  }
  if (principal.kind === 'application') checkAccessPolicy(context, tenant, principal.clientId, user);
  return { tenant, user, mailbox, contextKey: reference.kind === 'me' ? user.id : reference.key };
}

/** Exchange's ApplicationAccessPolicy: app-only access limited to (or barred from) a mail-enabled group. */
function checkAccessPolicy(context: EmulatorContext, tenant: Tenant, clientId: string, user: User): void {
  const policy = context.directory.application(tenant, clientId)?.accessPolicy;
  if (!policy) return;
  const member = groupMemberIds(context, tenant, policy.groupId).has(user.id);
  const allowed = policy.accessRight === 'RestrictAccess' ? member : !member;
  if (!allowed) throw new GraphError(403, 'ErrorAccessDenied', 'Access to OData is disabled.');
}

/** The directory is fixed once built from the seed, so each group's transitive membership is worked out once. */
const memberships = new WeakMap<Tenant, Map<string, ReadonlySet<string>>>();

function groupMemberIds(context: EmulatorContext, tenant: Tenant, groupId: string): ReadonlySet<string> {
  let groups = memberships.get(tenant);
  if (!groups) {
    groups = new Map();
    memberships.set(tenant, groups);
  }
  let members = groups.get(groupId);
  if (!members) {
    members = new Set(context.directory.transitiveUsers(tenant, groupId).map((u) => u.id));
    groups.set(groupId, members);
  }
  return members;
}

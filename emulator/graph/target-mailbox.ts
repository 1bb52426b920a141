// Which mailbox a Graph request works on, for throttling and counting: `/users/{id or UPN}/…` or `/me/…`.
import type { EmulatorContext } from '../context.ts';
import type { Principal } from '../entra/access-token.ts';

const usersSegment = /^\/users(?:\/([^/]+)|\('([^']+)'\))/i;
const meSegment = /^\/me(?:\/|$)/i;

/** The user id owning the target mailbox, or undefined (unknown user, or a request on no mailbox). */
export function targetMailbox(context: EmulatorContext, principal: Principal, path: string): string | undefined {
  if (meSegment.test(path)) return principal.kind === 'delegated' ? principal.userId : undefined;
  const match = usersSegment.exec(path);
  const key = match?.[1] ?? match?.[2];
  if (!key) return undefined;
  const tenant = context.directory.tenant(principal.tenantId);
  return tenant ? context.directory.user(tenant, key)?.id : undefined;
}

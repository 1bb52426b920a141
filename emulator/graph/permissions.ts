// Which permissions (application roles or delegated scopes) let a caller use a resource, as Microsoft documents
// them per API. A caller holds a permission when its token carries any of the listed ones.
import type { Principal } from '../entra/access-token.ts';

export type Access =
  | 'calendar.read'
  | 'calendar.write'
  | 'mailboxSettings.read'
  | 'mailboxSettings.write'
  | 'user.read'
  | 'groupMembers.read';

const calendarWrite = ['Calendars.ReadWrite', 'Calendars.ReadWrite.Shared'];
const mailboxSettingsWrite = ['MailboxSettings.ReadWrite'];
const directoryRead = ['Directory.Read.All', 'Directory.ReadWrite.All'];

const needs: Record<Access, readonly string[]> = {
  'calendar.read': ['Calendars.Read', 'Calendars.Read.Shared', ...calendarWrite],
  'calendar.write': calendarWrite,
  'mailboxSettings.read': ['MailboxSettings.Read', ...mailboxSettingsWrite],
  'mailboxSettings.write': mailboxSettingsWrite,
  'user.read': ['User.ReadBasic.All', 'User.Read.All', 'User.ReadWrite.All', ...directoryRead],
  'groupMembers.read': ['GroupMember.Read.All', 'Group.Read.All', 'Group.ReadWrite.All', ...directoryRead],
};

/** Delegated scopes that let a signed-in user read their own profile (`GET /me`). */
const ownProfile = ['User.Read', 'User.ReadWrite', 'Directory.AccessAsUser.All'];

export function holds(principal: Principal, access: Access): boolean {
  const granted = principal.kind === 'application' ? principal.roles : principal.scopes;
  const wanted = needs[access];
  return granted.some((permission) => wanted.some((w) => w.toLowerCase() === permission.toLowerCase()));
}

export function holdsOwnProfile(principal: Principal): boolean {
  if (principal.kind !== 'delegated') return false;
  return holds(principal, 'user.read') || principal.scopes.some((s) => ownProfile.includes(s));
}

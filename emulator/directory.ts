// The directory (Entra ID's side): tenants, users, groups and application registrations, built from the seed.
// Lookups are case-insensitive the way Entra's are (GUIDs and user principal names).
import { createHash, type KeyObject, X509Certificate } from 'node:crypto';
import type { Seed, SeedTenant } from './seed.ts';

export interface User {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string;
  readonly password: string;
  readonly hasMailbox: boolean;
}

export interface Group {
  readonly id: string;
  readonly displayName: string;
  readonly mailEnabledSecurity: boolean;
  /** User ids and group ids (members given by UPN in the seed are resolved to ids). */
  readonly memberIds: readonly string[];
}

export interface RegisteredCertificate {
  readonly pem: string;
  readonly der: Buffer;
  /** Base64url of the SHA-1 / SHA-256 of the DER certificate: what `x5t` / `x5t#S256` carry. */
  readonly x5t: string;
  readonly x5tS256: string;
  readonly publicKey: KeyObject;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

export interface Application {
  readonly clientId: string;
  readonly displayName: string;
  /** The service principal's object id in this tenant (the `oid` of app-only tokens). */
  readonly servicePrincipalId: string;
  readonly certificates: readonly RegisteredCertificate[];
  readonly secrets: readonly string[];
  readonly applicationPermissions: readonly string[];
  readonly delegatedPermissions: readonly string[];
  readonly redirectUris: readonly string[];
  readonly accessPolicy?: { readonly groupId: string; readonly accessRight: 'RestrictAccess' | 'DenyAccess' };
}

export interface Tenant {
  readonly id: string;
  readonly domain: string;
  readonly users: readonly User[];
  readonly groups: readonly Group[];
  readonly applications: readonly Application[];
}

export class Directory {
  readonly tenants: readonly Tenant[];
  private readonly tenantsByKey = new Map<string, Tenant>();
  private readonly usersByKey = new Map<string, Map<string, User>>();

  constructor(seed: Seed) {
    this.tenants = seed.tenants.map(buildTenant);
    for (const tenant of this.tenants) {
      this.tenantsByKey.set(tenant.id.toLowerCase(), tenant);
      this.tenantsByKey.set(tenant.domain.toLowerCase(), tenant);
      const users = new Map<string, User>();
      for (const user of tenant.users) {
        users.set(user.id.toLowerCase(), user);
        users.set(user.userPrincipalName.toLowerCase(), user);
      }
      this.usersByKey.set(tenant.id, users);
    }
  }

  /** A tenant by its id or its domain name (both are valid in Entra authority URLs). */
  tenant(idOrDomain: string): Tenant | undefined {
    return this.tenantsByKey.get(idOrDomain.toLowerCase());
  }

  /** A user by object id or user principal name. */
  user(tenant: Tenant, idOrUpn: string): User | undefined {
    return this.usersByKey.get(tenant.id)?.get(idOrUpn.toLowerCase());
  }

  application(tenant: Tenant, clientId: string): Application | undefined {
    const key = clientId.toLowerCase();
    return tenant.applications.find((app) => app.clientId.toLowerCase() === key);
  }

  group(tenant: Tenant, id: string): Group | undefined {
    const key = id.toLowerCase();
    return tenant.groups.find((group) => group.id.toLowerCase() === key);
  }

  /** Every user in the group, following nested groups (Graph's transitive membership). */
  transitiveUsers(tenant: Tenant, groupId: string): User[] {
    const seen = new Set<string>();
    const users = new Map<string, User>();
    const visit = (id: string) => {
      if (seen.has(id)) return;
      seen.add(id);
      const group = this.group(tenant, id);
      if (!group) return;
      for (const member of group.memberIds) {
        const user = this.user(tenant, member);
        if (user) users.set(user.id, user);
        else visit(member.toLowerCase());
      }
    };
    visit(groupId.toLowerCase());
    return [...users.values()];
  }

  isTransitiveMember(tenant: Tenant, groupId: string, user: User): boolean {
    return this.transitiveUsers(tenant, groupId).some((member) => member.id === user.id);
  }
}

function buildTenant(seed: SeedTenant): Tenant {
  const users: User[] = seed.users.map((u) => ({
    id: u.id.toLowerCase(),
    userPrincipalName: u.userPrincipalName,
    displayName: u.displayName,
    password: u.password,
    hasMailbox: u.mailbox,
  }));
  const idOf = (member: string): string => {
    const key = member.toLowerCase();
    return users.find((u) => u.userPrincipalName.toLowerCase() === key)?.id ?? key;
  };
  return {
    id: seed.id.toLowerCase(),
    domain: seed.domain,
    users,
    groups: seed.groups.map((g) => ({
      id: g.id.toLowerCase(),
      displayName: g.displayName,
      mailEnabledSecurity: g.mailEnabledSecurity,
      memberIds: g.members.map(idOf),
    })),
    applications: seed.applications.map((a) => ({
      clientId: a.clientId.toLowerCase(),
      displayName: a.displayName,
      servicePrincipalId: deterministicGuid(`${seed.id}/${a.clientId}/servicePrincipal`),
      certificates: a.certificates.map(registerCertificate),
      secrets: a.secrets,
      applicationPermissions: a.applicationPermissions,
      delegatedPermissions: a.delegatedPermissions,
      redirectUris: a.redirectUris,
      ...(a.accessPolicy ? { accessPolicy: { ...a.accessPolicy, groupId: a.accessPolicy.groupId.toLowerCase() } } : {}),
    })),
  };
}

export function registerCertificate(pem: string): RegisteredCertificate {
  const certificate = new X509Certificate(pem);
  const der = certificate.raw;
  return {
    pem,
    der,
    x5t: createHash('sha1').update(der).digest('base64url'),
    x5tS256: createHash('sha256').update(der).digest('base64url'),
    publicKey: certificate.publicKey,
    notBefore: new Date(certificate.validFrom),
    notAfter: new Date(certificate.validTo),
  };
}

/** A GUID derived from a name, so generated ids stay the same across restarts. */
export function deterministicGuid(name: string): string {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

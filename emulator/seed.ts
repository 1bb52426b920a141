// The seed file: the tenants, people, groups, applications and pre-existing events the emulator starts with.
// Parsing fails with a message that names the offending key, so a broken seed never half-starts an emulator.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const guid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID');

const seedUser = z.strictObject({
  id: guid,
  userPrincipalName: z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must look like name@domain'),
  displayName: z.string().default(''),
  password: z.string().default(''),
  mailbox: z.boolean().default(true),
});

const seedGroup = z.strictObject({
  id: guid,
  displayName: z.string().default(''),
  mailEnabledSecurity: z.boolean().default(false),
  members: z.array(z.string()).default([]),
});

const seedApplication = z.strictObject({
  clientId: guid,
  displayName: z.string().default(''),
  certificates: z.array(z.string().includes('BEGIN CERTIFICATE', { message: 'must be a PEM certificate' })).default([]),
  secrets: z.array(z.string().min(1)).default([]),
  applicationPermissions: z.array(z.string()).default([]),
  delegatedPermissions: z.array(z.string()).default([]),
  redirectUris: z.array(z.string().url()).default([]),
  accessPolicy: z
    .strictObject({ groupId: guid, accessRight: z.enum(['RestrictAccess', 'DenyAccess']).default('RestrictAccess') })
    .optional(),
});

const dateTimeTimeZone = z.strictObject({ dateTime: z.string(), timeZone: z.string().default('UTC') });

/** An event as the mailbox owner made it in Outlook: a subset of Graph's event resource. */
export const seedEvent = z.looseObject({
  subject: z.string().default(''),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  isAllDay: z.boolean().optional(),
});

const seedTenant = z.strictObject({
  id: guid,
  domain: z.string().default('example.org'),
  users: z.array(seedUser),
  groups: z.array(seedGroup).default([]),
  applications: z.array(seedApplication),
  events: z.record(z.string(), z.array(seedEvent)).default({}),
});

export const limitsSchema = z.strictObject({
  mailboxConcurrency: z.number().int().positive().default(4),
  mailboxRequestsPer10Minutes: z.number().int().positive().default(10_000),
  appRequestsPer10Seconds: z.number().int().positive().default(130_000),
  latencyMs: z
    .strictObject({ min: z.number().nonnegative().default(0), max: z.number().nonnegative().default(0) })
    .refine((l) => l.max >= l.min, 'max must be at least min')
    .default({ min: 0, max: 0 }),
  accessTokenLifetimeSeconds: z.number().int().positive().default(3600),
});

/**
 * `reset-after-write` executes the request and then drops the connection unanswered (the ambiguous case a client
 * must survive without duplicates); it is opt-in, so it is not among the default kinds.
 */
export const faultKinds = ['429', '503', '504', 'reset', 'timeout', 'reset-after-write'] as const;
export type FaultKind = (typeof faultKinds)[number];
const defaultFaultKinds: FaultKind[] = ['429', '503', '504', 'reset', 'timeout'];

export const faultsSchema = z.strictObject({
  rate: z.number().min(0).max(1).default(0),
  kinds: z
    .array(z.enum(faultKinds))
    .min(1)
    .default([...defaultFaultKinds]),
  seed: z.number().int().default(1),
  /** How long a `timeout` fault holds the request before dropping it (the client should give up first). */
  timeoutMs: z.number().int().positive().default(120_000),
});

export const seedSchema = z.strictObject({
  tenants: z.array(seedTenant).min(1),
  limits: limitsSchema.default(limitsSchema.parse({})),
  faults: faultsSchema.default(faultsSchema.parse({})),
});

export type Seed = z.infer<typeof seedSchema>;
export type SeedTenant = Seed['tenants'][number];
export type SeedEvent = z.infer<typeof seedEvent>;
export type Limits = z.infer<typeof limitsSchema>;
export type Faults = z.infer<typeof faultsSchema>;

export class SeedError extends Error {
  override readonly name = 'SeedError';
}

/** Validates a parsed seed; the error lists every problem as `key.path: what is wrong`. */
export function parseSeed(raw: unknown, source = 'seed'): Seed {
  const result = seedSchema.safeParse(raw);
  if (!result.success) {
    throw new SeedError(`${source} is invalid:\n${describeIssues(result.error.issues)}`);
  }
  checkReferences(result.data, source);
  return result.data;
}

export function readSeedFile(path: string): Seed {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SeedError(`cannot read seed file ${path}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`seed file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  return parseSeed(raw, `seed file ${path}`);
}

export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `  ${formatPath(issue.path)}: ${issue.message}`).join('\n');
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/** Cross-references zod cannot see: group members, access-policy groups and event owners must exist. */
function checkReferences(seed: Seed, source: string): void {
  const problems: string[] = [];
  const tenantIds = new Set<string>();
  seed.tenants.forEach((tenant, t) => {
    if (tenantIds.has(tenant.id.toLowerCase())) problems.push(`tenants[${t}].id: duplicate tenant ${tenant.id}`);
    tenantIds.add(tenant.id.toLowerCase());
    const upns = new Set<string>();
    const ids = new Set<string>();
    tenant.users.forEach((user, u) => {
      const upn = user.userPrincipalName.toLowerCase();
      if (upns.has(upn)) problems.push(`tenants[${t}].users[${u}].userPrincipalName: duplicate ${upn}`);
      if (ids.has(user.id.toLowerCase())) problems.push(`tenants[${t}].users[${u}].id: duplicate ${user.id}`);
      upns.add(upn);
      ids.add(user.id.toLowerCase());
    });
    const groupIds = new Set(tenant.groups.map((g) => g.id.toLowerCase()));
    tenant.groups.forEach((group, g) => {
      group.members.forEach((member, m) => {
        const key = member.toLowerCase();
        if (!upns.has(key) && !ids.has(key) && !groupIds.has(key)) {
          problems.push(`tenants[${t}].groups[${g}].members[${m}]: no user or group ${member} in this tenant`);
        }
      });
    });
    tenant.applications.forEach((app, a) => {
      if (app.accessPolicy && !groupIds.has(app.accessPolicy.groupId.toLowerCase())) {
        problems.push(`tenants[${t}].applications[${a}].accessPolicy.groupId: no group ${app.accessPolicy.groupId}`);
      }
    });
    for (const owner of Object.keys(tenant.events)) {
      if (!upns.has(owner.toLowerCase()) && !ids.has(owner.toLowerCase())) {
        problems.push(`tenants[${t}].events.${owner}: no user ${owner} in this tenant`);
      }
    }
  });
  if (problems.length > 0) throw new SeedError(`${source} is invalid:\n  ${problems.join('\n  ')}`);
}

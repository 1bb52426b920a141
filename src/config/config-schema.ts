// The shape of `timetable-sync.yaml` as written (relative paths, cloud names, optional sections), checked with zod.
// Unknown keys are errors, so a typo never passes silently. resolve-config.ts turns the result into a Config.
import { z } from 'zod';
import { mappingSchema } from '../mapping/mapping-schema.ts';
import { peopleSchema } from '../people/people-config.ts';
import { icsSourceSchema } from '../source/ics/ics-source-config.ts';
import { myTimetableSourceSchema } from '../source/mytimetable/mytimetable-config.ts';
import { CLOUD_NAMES } from './clouds.ts';
import type { CloudName } from './config.ts';

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const domain = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/i;
const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

const path = z.string().min(1, 'must not be empty');
const envVar = z.string().regex(envName, 'must be an environment variable name like TTS_CLIENT_SECRET');

function isHttpsBase(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return url.protocol === 'https:' && url.search === '' && url.hash === '' && url.username === '';
}

// msal-node accepts only https authorities; the emulator speaks HTTPS for that reason.
const httpsBase = z.string().refine(isHttpsBase, 'must be an https:// URL without query or fragment');

const certificate = z
  .strictObject({
    pfx: path.optional(),
    cert: path.optional(),
    key: path.optional(),
    passwordFile: path.optional(),
    passwordEnv: envVar.optional(),
  })
  .superRefine((value, context) => {
    const pem = value.cert !== undefined || value.key !== undefined;
    if (value.pfx !== undefined && pem) {
      context.addIssue({ code: 'custom', message: 'use either pfx, or cert and key, not both', path: ['pfx'] });
    } else if (value.pfx === undefined && !pem) {
      context.addIssue({ code: 'custom', message: 'needs pfx (with passwordFile), or cert and key', path: [] });
    } else if (pem && value.cert === undefined) {
      context.addIssue({ code: 'custom', message: 'is required with key', path: ['cert'] });
    } else if (pem && value.key === undefined) {
      context.addIssue({ code: 'custom', message: 'is required with cert', path: ['key'] });
    }
    if (value.passwordFile !== undefined && value.passwordEnv !== undefined) {
      context.addIssue({
        code: 'custom',
        message: 'use either passwordFile or passwordEnv, not both',
        path: ['passwordEnv'],
      });
    }
  });

const microsoft = z
  .strictObject({
    tenantId: z
      .string()
      .refine(
        (text) => guid.test(text) || domain.test(text),
        'must be a GUID or a domain name like uni.onmicrosoft.com',
      ),
    clientId: z.string().regex(guid, 'must be the application (client) ID, a GUID'),
    cloud: z.enum(CLOUD_NAMES as [CloudName, ...CloudName[]]).default('global'),
    authorityHost: httpsBase.optional(),
    graphEndpoint: httpsBase.optional(),
    caFile: path.optional(),
    auth: z.enum(['application', 'delegated']).default('application'),
    certificate: certificate.optional(),
    clientSecretFile: path.optional(),
    clientSecretEnv: envVar.optional(),
    redirectUri: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((value, context) => {
    const given = [
      value.certificate && 'certificate',
      value.clientSecretFile && 'clientSecretFile',
      value.clientSecretEnv && 'clientSecretEnv',
    ].filter(Boolean);
    if (given.length === 0) {
      context.addIssue({
        code: 'custom',
        message: 'needs a credential: certificate, clientSecretFile or clientSecretEnv',
        path: [],
      });
    } else if (given.length > 1) {
      context.addIssue({
        code: 'custom',
        message: `give one credential, not ${given.join(' and ')}`,
        path: [String(given[1])],
      });
    }
  });

const database = z
  .strictObject({
    url: z
      .string()
      .refine((text) => /^postgres(ql)?:\/\//.test(text) && URL.canParse(text), 'must be a postgres:// URL')
      .optional(),
    dataDir: path.optional(),
    /** The PostgreSQL schema of the store's tables (pg-boss's jobs go in `<schema>_pgboss`, or `pgboss`). */
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,55}$/, 'must be a lower-case identifier (letters, digits, _), at most 56 long')
      .optional(),
  })
  .refine((value) => value.url === undefined || value.dataDir === undefined, {
    message: 'set either url (PostgreSQL) or dataDir (embedded PGlite), not both',
    path: ['dataDir'],
  });

const jsonSource = z.strictObject({ type: z.literal('json'), path });

// A union on `type`: the sources issue adds ics, mytimetable and push members.
const pushSource = z.strictObject({ type: z.literal('push') });
const source = z.discriminatedUnion('type', [jsonSource, icsSourceSchema, myTimetableSourceSchema, pushSource]);

const days = (max: number) =>
  z.number().int('must be a whole number of days').min(0, 'must not be negative').max(max, `must be at most ${max}`);

const sync = z.strictObject({
  pastDays: days(3650).default(14),
  futureDays: days(3650).min(1, 'must be at least 1').default(180),
  onUserDelete: z.enum(['respect', 'restore']).default('respect'),
  maxDeleteShare: z.number().gt(0, 'must be more than 0').max(1, 'must be at most 1').default(0.5),
  batchSize: z
    .number()
    .int()
    .min(1, 'must be at least 1')
    .max(20, 'must be at most 20 (the Graph $batch limit)')
    .default(20),
  maxConcurrentMailboxes: z.number().int().min(1, 'must be at least 1').max(1000).default(32),
  maxAttempts: z.number().int().min(1, 'must be at least 1').max(20).default(6),
  reconcileIntervalHours: z.number().positive('must be more than 0').default(24),
});

// The long-running processes (`serve`, `worker`): scheduling, workers per process, the job queue's timings, and
// how long the run history is kept.
const service = z.strictObject({
  syncIntervalMinutes: z.number().int().min(1, 'must be at least 1').max(10_080, 'must be at most a week').default(60),
  workers: z.number().int().min(1, 'must be at least 1').max(256).default(4),
  throttleDeferSeconds: z.number().min(0).max(3600).default(5),
  shutdownTimeoutSeconds: z.number().int().min(1).max(3600).default(30),
  jobHeartbeatSeconds: z.number().int().min(10, 'must be at least 10 (pg-boss)').max(3600).default(30),
  monitorIntervalSeconds: z.number().int().min(1).max(3600).default(30),
  pollingIntervalSeconds: z.number().min(0.5, 'must be at least 0.5').max(60).default(2),
  startupWaitSeconds: z.number().int().min(0, 'must not be negative').max(3600).default(120),
  keepHistoryDays: z.number().int().min(1, 'must be at least 1').max(3650, 'must be at most ten years').default(30),
  keepUnchangedRunsHours: z.number().int().min(1, 'must be at least 1').max(8760, 'must be at most a year').default(48),
});

// Templates, reminders, show-as, sensitivity and categories, per activity type (src/mapping/mapping-schema.ts).
const mapping = mappingSchema;

// The web service (`serve`): where it listens, the keys that protect sessions and stored tokens, who the admins
// are, and which of their own settings people may change.
const upn = z.string().regex(/^[^@\s]+@[^@\s]+$/, 'must be a user principal name like admin@uni.example');
const web = z
  .strictObject({
    port: z.number().int().min(0).max(65_535, 'must be a TCP port (0-65535)').default(3000),
    publicUrl: z.url({ protocol: /^https?$/ }).optional(),
    sessionKeyFile: path.optional(),
    sessionKeyEnv: envVar.optional(),
    tokenKeyFile: path.optional(),
    tokenKeyEnv: envVar.optional(),
    admins: z.array(upn).default([]),
    // Behind a reverse proxy: which hop's X-Forwarded-For to believe (fastify's trustProxy), so rate limits and
    // logs see the client's address instead of the proxy's. true trusts every hop; a number, that many hops; a
    // list, the proxies' addresses or CIDR ranges.
    trustProxy: z
      .union([
        z.boolean(),
        z.number().int().min(1, 'must be at least 1 hop').max(10, 'must be at most 10 hops'),
        z.array(z.string().regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'must be an IP address or a CIDR range')).min(1),
      ])
      .default(false),
    adminGroup: z.string().regex(guid, 'must be the Entra group object ID, a GUID').optional(),
    personSettings: z
      .strictObject({
        reminderMinutes: z
          .array(z.number().int().min(0).max(40_320, 'must be at most 40320 (four weeks)'))
          .default([0, 5, 10, 15, 30, 60]),
        activityTypes: z.boolean().default(true),
        categories: z.boolean().default(false),
      })
      .default({ reminderMinutes: [0, 5, 10, 15, 30, 60], activityTypes: true, categories: false }),
  })
  .superRefine((value, context) => {
    for (const key of ['sessionKey', 'tokenKey'] as const) {
      if (value[`${key}File`] !== undefined && value[`${key}Env`] !== undefined) {
        context.addIssue({
          code: 'custom',
          message: `use either ${key}File or ${key}Env, not both`,
          path: [`${key}Env`],
        });
      }
    }
  });

export const configSchema = z.strictObject({
  database: database.default({}),
  microsoft,
  people: peopleSchema.optional(),
  source,
  sync: sync.default(sync.parse({})),
  mapping: mapping.default(mapping.parse({})),
  service: service.default(service.parse({})),
  web: web.default(web.parse({})),
});

export type ConfigFile = z.infer<typeof configSchema>;

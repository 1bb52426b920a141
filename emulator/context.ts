// Everything the emulator knows and can change at run time, passed to every route: the directory, the mailboxes,
// the identity grants, limits and faults, counters, and the signing key.
import { Directory, deterministicGuid, type Tenant, type User } from './directory.ts';
import { AccessTokenVerifier } from './entra/access-token.ts';
import type { SigningKey } from './entra/signing-key.ts';
import { IdentityState } from './identity.ts';
import { emptyMailbox, type Mailbox } from './mailboxes.ts';
import { type Random, seededRandom } from './random.ts';
import type { Faults, Limits, Seed } from './seed.ts';
import { Stats } from './stats.ts';

/** Graph audiences the emulator accepts in access tokens, besides its own origin. */
export const graphAudiences = [
  'https://graph.microsoft.com',
  'https://graph.microsoft.us',
  'https://dod-graph.microsoft.us',
  'https://microsoftgraph.chinacloudapi.cn',
  '00000003-0000-0000-c000-000000000000',
];

export class EmulatorContext {
  readonly seed: Seed;
  readonly directory: Directory;
  readonly mailboxes = new Map<string, Mailbox>();
  readonly identity = new IdentityState();
  readonly stats = new Stats();
  limits: Limits;
  faults: Faults;
  random: Random;
  signingKey: SigningKey;
  /** `https://127.0.0.1:<port>`, known once the server listens. */
  baseUrl = '';
  private verifier: AccessTokenVerifier | undefined;
  private readonly onChange: () => void;

  constructor(seed: Seed, signingKey: SigningKey, onChange: () => void = () => {}) {
    this.seed = seed;
    this.directory = new Directory(seed);
    this.limits = structuredClone(seed.limits);
    this.faults = structuredClone(seed.faults);
    this.random = seededRandom(seed.faults.seed);
    this.signingKey = signingKey;
    this.onChange = onChange;
  }

  get tokens(): AccessTokenVerifier {
    this.verifier ??= new AccessTokenVerifier(() => this.signingKey, [...graphAudiences, this.baseUrl]);
    return this.verifier;
  }

  /** The user's Exchange Online mailbox, or undefined when the user has none (`"mailbox": false`). */
  mailbox(tenant: Tenant, user: User): Mailbox | undefined {
    if (!user.hasMailbox) return undefined;
    let mailbox = this.mailboxes.get(user.id);
    if (!mailbox) {
      mailbox = emptyMailbox(user.id, calendarIdFor(tenant, user));
      this.mailboxes.set(user.id, mailbox);
    }
    return mailbox;
  }

  setFaults(faults: Faults): void {
    this.faults = faults;
    this.random = seededRandom(faults.seed);
  }

  /** Call after every change to mailboxes or identity state: the --state file is written soon after. */
  changed(): void {
    this.onChange();
  }
}

function calendarIdFor(tenant: Tenant, user: User): string {
  return Buffer.from(deterministicGuid(`${tenant.id}/${user.id}/calendar`)).toString('base64url');
}

// Coloured categories per mailbox: before a person's events are written, the mailbox's master category list must
// hold the categories they name, with our colours, or Outlook shows them uncoloured. Once per person and category
// set for the life of the process (again when the set changes; sync-person asks only when it writes events or
// lists the calendar). Only missing categories are added: one the user made, recoloured or already had is never
// touched. What was made sure of lives in memory only; a new process looks at each list once more.
//
// Without MailboxSettings.ReadWrite, Graph answers 403 ErrorAccessDenied on the master list. The events still carry
// their category names; one warning per run tells the admin what to grant, and the list is not asked for again
// for a while. An application access policy that shuts a mailbox out also answers 403, so the permission is only
// taken as missing once that person's calendar itself answered.
import type { GraphClient } from '../graph/graph-client.ts';
import { GraphError } from '../graph/graph-error.ts';
import type { MailboxRef } from '../graph/mailbox-ref.ts';
import { ensureMasterCategories } from '../graph/master-categories.ts';
import type { EventCategory } from '../mapping/index.ts';

export type CategorySetup =
  /** The person's events name no categories. */
  | { readonly kind: 'none' }
  /** This set was made sure of earlier in this process: no request. */
  | { readonly kind: 'unchanged' }
  /** The master list holds every category now; `created` were added by us this time. */
  | { readonly kind: 'ensured'; readonly created: readonly string[] }
  /** Graph refused the master list (403): the events carry names only. */
  | { readonly kind: 'denied' }
  /** The app is known to lack MailboxSettings.ReadWrite: not asked. */
  | { readonly kind: 'skipped' }
  /** Anything else (a throttled or failed request): tried again on the next run. */
  | { readonly kind: 'failed'; readonly reason: string };

export interface CategoryKeeperOptions {
  /** Where the one warning goes (default: standard error). */
  readonly warn?: (message: string) => void;
  /** How long a missing permission is believed before the master list is tried again (default one hour). */
  readonly recheckAfterMs?: number;
  readonly now?: () => number;
}

export const MISSING_PERMISSION_WARNING =
  'Outlook categories are written without colours: Microsoft Graph refused the category list (403 ErrorAccessDenied on outlook/masterCategories). Grant the app the MailboxSettings.ReadWrite permission (with admin consent) to colour them; the events carry their category names either way.';

export class CategoryKeeper {
  /** The warnings given so far (at most one per run). */
  readonly warnings: string[] = [];
  private readonly ensured = new Map<string, string>();
  private readonly denied = new Set<string>();
  private permissionMissingSince: number | null = null;
  private warned = false;
  private readonly warn: (message: string) => void;
  private readonly recheckAfterMs: number;
  private readonly now: () => number;

  constructor(options: CategoryKeeperOptions = {}) {
    this.warn = options.warn ?? ((message) => console.warn(`warning: ${message}`));
    this.recheckAfterMs = options.recheckAfterMs ?? 3_600_000;
    this.now = options.now ?? Date.now;
  }

  /** A new run may warn again (a long-running service calls this per scheduled run; a CLI run is one process). */
  beginRun(): void {
    this.warned = false;
  }

  /** Never throws: a category problem must not stop the person's calendar sync. */
  async ensure(
    client: GraphClient,
    mailbox: MailboxRef,
    personId: string,
    wanted: readonly EventCategory[],
  ): Promise<CategorySetup> {
    if (wanted.length === 0) return { kind: 'none' };
    const signature = `${mailbox.path}\n${wanted
      .map((category) => `${category.displayName.toLowerCase()}\u0000${category.color}`)
      .sort()
      .join('\n')}`;
    if (this.ensured.get(personId) === signature) return { kind: 'unchanged' };
    if (this.permissionMissingSince !== null) {
      if (this.now() - this.permissionMissingSince < this.recheckAfterMs) return { kind: 'skipped' };
      this.permissionMissingSince = null;
    }
    try {
      const outcomes = await ensureMasterCategories(client, mailbox, wanted);
      const created: string[] = [];
      for (const outcome of outcomes) {
        if (outcome.kind === 'created') created.push(outcome.category.displayName);
        // Someone (the user, another process) added it between our list and our create: it is there.
        if (outcome.kind === 'failed' && !isGraphCode(outcome.error, 'ErrorDuplicateCategory')) {
          if (isAccessDenied(outcome.error)) return this.deny(personId);
          return { kind: 'failed', reason: `category ${outcome.displayName}: ${outcome.error.message}` };
        }
      }
      this.ensured.set(personId, signature);
      this.denied.delete(personId);
      return { kind: 'ensured', created };
    } catch (error) {
      if (isAccessDenied(error)) return this.deny(personId);
      return { kind: 'failed', reason: (error as Error).message };
    }
  }

  /**
   * After the person's run: their calendar answered (a listing or writes went through). If their category list was
   * refused, the app lacks the permission rather than the mailbox being out of its reach.
   */
  calendarReached(personId: string): void {
    if (!this.denied.delete(personId)) return;
    this.permissionMissingSince = this.now();
    if (this.warned) return;
    this.warned = true;
    this.warnings.push(MISSING_PERMISSION_WARNING);
    this.warn(MISSING_PERMISSION_WARNING);
  }

  private deny(personId: string): CategorySetup {
    this.denied.add(personId);
    return { kind: 'denied' };
  }
}

function isGraphCode(error: unknown, code: string): boolean {
  return error instanceof GraphError && error.graphCode === code;
}

function isAccessDenied(error: unknown): boolean {
  return error instanceof GraphError && error.status === 403;
}

// The mailbox's category master list (names with colours): events name categories, the list gives them colour.
// We only add missing categories; a colour the user changed stays theirs.
import type { CategoryColor } from '@microsoft/microsoft-graph-types';
import { type GraphClient, type GraphRequest, type GraphResponse, maxBatchSize } from './graph-client.ts';
import { type GraphFailure, GraphProtocolError, isGraphFailure } from './graph-error.ts';
import type { MailboxRef } from './mailbox-ref.ts';

export interface MasterCategory {
  readonly id: string;
  readonly displayName: string;
  readonly color: string;
}

export interface WantedCategory {
  readonly displayName: string;
  /** `preset0` … `preset24`, or `none`. */
  readonly color: CategoryColor;
}

export type CategoryOutcome =
  | { readonly kind: 'exists'; readonly category: MasterCategory }
  | { readonly kind: 'created'; readonly category: MasterCategory }
  | { readonly kind: 'failed'; readonly displayName: string; readonly error: GraphFailure | GraphProtocolError };

export function listMasterCategoriesRequest(mailbox: MailboxRef): GraphRequest {
  return { method: 'GET', path: `${mailbox.path}/outlook/masterCategories`, mailbox: mailbox.label };
}

export function createMasterCategoryRequest(mailbox: MailboxRef, category: WantedCategory): GraphRequest {
  return {
    method: 'POST',
    path: `${mailbox.path}/outlook/masterCategories`,
    body: { displayName: category.displayName, color: category.color },
    mailbox: mailbox.label,
  };
}

/** The whole master list; throws on any failure (it is not paged). */
export async function listMasterCategories(client: GraphClient, mailbox: MailboxRef): Promise<MasterCategory[]> {
  const response = await client.requestOk(listMasterCategoriesRequest(mailbox));
  const value = (response.body as { value?: unknown } | undefined)?.value;
  if (!Array.isArray(value)) throw new GraphProtocolError('a category list without a `value` array', mailbox.label);
  return value.map((raw) => parseCategory(raw, mailbox.label));
}

/**
 * Adds the wanted categories the mailbox lacks (names compare without regard to case, as Outlook's do).
 * One outcome per wanted category; a failed create is that category's outcome, not a throw.
 */
export async function ensureMasterCategories(
  client: GraphClient,
  mailbox: MailboxRef,
  wanted: readonly WantedCategory[],
): Promise<CategoryOutcome[]> {
  const existing = new Map((await listMasterCategories(client, mailbox)).map((c) => [c.displayName.toLowerCase(), c]));
  const outcomes = new Map<string, CategoryOutcome>();
  const missing: WantedCategory[] = [];
  for (const category of wanted) {
    const key = category.displayName.toLowerCase();
    const found = existing.get(key);
    if (found) outcomes.set(key, { kind: 'exists', category: found });
    else if (!missing.some((m) => m.displayName.toLowerCase() === key)) missing.push(category);
  }
  for (let start = 0; start < missing.length; start += maxBatchSize) {
    const chunk = missing.slice(start, start + maxBatchSize);
    let responses: GraphResponse[];
    try {
      responses = await client.batch(chunk.map((category) => createMasterCategoryRequest(mailbox, category)));
    } catch (error) {
      if (!isGraphFailure(error) && !(error instanceof GraphProtocolError)) throw error;
      for (const category of chunk) {
        outcomes.set(category.displayName.toLowerCase(), { kind: 'failed', displayName: category.displayName, error });
      }
      continue;
    }
    responses.forEach((response, index) => {
      const category = chunk[index] as WantedCategory;
      const key = category.displayName.toLowerCase();
      outcomes.set(
        key,
        response.error
          ? { kind: 'failed', displayName: category.displayName, error: response.error }
          : { kind: 'created', category: parseCategory(response.body, mailbox.label) },
      );
    });
  }
  return wanted.map((category) => outcomes.get(category.displayName.toLowerCase()) as CategoryOutcome);
}

function parseCategory(raw: unknown, mailbox: string): MasterCategory {
  const category = raw as { id?: unknown; displayName?: unknown; color?: unknown } | undefined;
  if (typeof category?.id !== 'string' || typeof category.displayName !== 'string') {
    throw new GraphProtocolError('a category without id or displayName', mailbox);
  }
  return {
    id: category.id,
    displayName: category.displayName,
    color: typeof category.color === 'string' ? category.color : 'none',
  };
}

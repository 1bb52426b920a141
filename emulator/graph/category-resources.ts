// The mailbox's category master list (`/outlook/masterCategories`): names with preset colours, unique by name
// without regard to case, as Outlook keeps them.
import type { EmulatorContext } from '../context.ts';
import type { OutlookCategory } from '../mailboxes.ts';
import { newCategoryId } from './event-ids.ts';
import { bodyReadError, jsonObject } from './event-input.ts';
import { GraphError, itemNotFound } from './graph-error.ts';
import type { GraphResponse } from './graph-request.ts';
import type { ResolvedMailbox } from './mailbox-access.ts';
import { contextUrl, userFragment } from './paging.ts';

const colors = ['none', ...Array.from({ length: 25 }, (_, i) => `preset${i}`)];

function readColor(value: unknown): string {
  const color = typeof value === 'string' ? colors.find((c) => c.toLowerCase() === value.toLowerCase()) : undefined;
  if (!color) throw bodyReadError(`Requested value '${String(value)}' was not found.`);
  return color;
}

function collectionContext(context: EmulatorContext, scope: ResolvedMailbox): string {
  return contextUrl(context, `${userFragment(scope.contextKey)}/outlook/masterCategories`);
}

export function listCategories(context: EmulatorContext, scope: ResolvedMailbox): GraphResponse {
  return {
    status: 200,
    body: { '@odata.context': collectionContext(context, scope), value: scope.mailbox.categories.map(renderCategory) },
  };
}

export function renderCategory(category: OutlookCategory): Record<string, unknown> {
  return { id: category.id, displayName: category.displayName, color: category.color };
}

function findCategory(scope: ResolvedMailbox, id: string): OutlookCategory {
  const category = scope.mailbox.categories.find((c) => c.id.toLowerCase() === id.toLowerCase());
  if (!category) throw itemNotFound();
  return category;
}

export function getCategory(context: EmulatorContext, scope: ResolvedMailbox, id: string): GraphResponse {
  const body = {
    '@odata.context': `${collectionContext(context, scope)}/$entity`,
    ...renderCategory(findCategory(scope, id)),
  };
  return { status: 200, body };
}

export function createCategory(context: EmulatorContext, scope: ResolvedMailbox, raw: unknown): GraphResponse {
  const body = jsonObject(raw);
  let displayName: string | undefined;
  let color = 'none';
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@')) continue;
    if (name === 'displayName') {
      if (typeof value !== 'string')
        throw bodyReadError(
          "Cannot convert a primitive value to the expected type 'Edm.String' for property 'displayName'.",
        );
      displayName = value.trim();
    } else if (name === 'color') color = readColor(value);
    else if (name === 'id')
      throw new GraphError(400, 'ErrorInvalidPropertySet', "The property 'id' is read-only and can't be set.");
    else {
      throw bodyReadError(
        `The property '${name}' does not exist on type 'Microsoft.OutlookServices.OutlookCategory'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  if (!displayName)
    throw new GraphError(400, 'ErrorInvalidRequest', "The 'displayName' property is required to create a category.");
  const key = displayName.toLowerCase();
  if (scope.mailbox.categories.some((c) => c.displayName.toLowerCase() === key)) {
    throw new GraphError(409, 'ErrorDuplicateCategory', `A category with the name '${displayName}' already exists.`);
  }
  const category: OutlookCategory = { id: newCategoryId(), displayName, color };
  scope.mailbox.categories.push(category);
  context.changed();
  return {
    status: 201,
    headers: { Location: `${collectionContext(context, scope).replace('/$metadata#', '/')}('${category.id}')` },
    body: { '@odata.context': `${collectionContext(context, scope)}/$entity`, ...renderCategory(category) },
  };
}

/** Only the colour of a category can change; its name is fixed once created. */
export function updateCategory(
  context: EmulatorContext,
  scope: ResolvedMailbox,
  id: string,
  raw: unknown,
): GraphResponse {
  const category = findCategory(scope, id);
  const body = jsonObject(raw);
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@')) continue;
    if (name === 'color') category.color = readColor(value);
    else if (name === 'displayName' || name === 'id') {
      throw new GraphError(400, 'ErrorInvalidPropertySet', `The property '${name}' is read-only and can't be set.`);
    } else {
      throw bodyReadError(
        `The property '${name}' does not exist on type 'Microsoft.OutlookServices.OutlookCategory'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
    }
  }
  context.changed();
  return getCategory(context, scope, id);
}

export function deleteCategory(context: EmulatorContext, scope: ResolvedMailbox, id: string): GraphResponse {
  const category = findCategory(scope, id);
  scope.mailbox.categories.splice(scope.mailbox.categories.indexOf(category), 1);
  context.changed();
  return { status: 204, headers: {} };
}

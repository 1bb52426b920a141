// OData system query options for event collections and single events: `$select`, `$top`, `$skip`, `$orderby`,
// `$count`, `$filter` (compiled elsewhere) and `$expand=singleValueExtendedProperties($filter=id eq '…')`.
import type { StoredEvent } from '../mailboxes.ts';
import { canonicalPropertyId, invalidExtendedPropertyId, propertyKey } from './extended-properties.ts';
import { badRequest, GraphError, unknownProperty } from './graph-error.ts';
import type { FilterNode } from './odata/filter-ast.ts';
import { FilterSyntaxError } from './odata/filter-ast.ts';
import { parseFilter } from './odata/filter-parser.ts';

/** Every property of Graph's event resource a `$select` may name, in the order Graph writes them. */
export const eventPropertyNames = [
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'categories',
  'transactionId',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'iCalUId',
  'uid',
  'reminderMinutesBeforeStart',
  'isReminderOn',
  'hasAttachments',
  'subject',
  'bodyPreview',
  'importance',
  'sensitivity',
  'isAllDay',
  'isCancelled',
  'isOrganizer',
  'responseRequested',
  'seriesMasterId',
  'showAs',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'isOnlineMeeting',
  'onlineMeetingProvider',
  'allowNewTimeProposals',
  'occurrenceId',
  'isDraft',
  'hideAttendees',
  'responseStatus',
  'body',
  'start',
  'end',
  'location',
  'locations',
  'recurrence',
  'attendees',
  'organizer',
  'onlineMeeting',
] as const;
const propertiesByKey = new Map<string, string>(eventPropertyNames.map((name) => [name.toLowerCase(), name]));

export interface EventQuery {
  readonly select: readonly string[] | undefined;
  readonly top: number | undefined;
  readonly skip: number;
  readonly filter: string | undefined;
  readonly orderBy: string | undefined;
  readonly count: boolean;
  /** Canonical ids of the extended properties to return, when `$expand` asked for them. */
  readonly expandPropertyIds: readonly string[] | undefined;
}

/** Query parameter by name, ignoring case (`$Filter`, `startdatetime`, …), as Graph does. */
export function queryValue(query: Readonly<Record<string, string>>, name: string): string | undefined {
  const direct = query[name];
  if (direct !== undefined) return direct;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(query)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

export function readEventQuery(query: Readonly<Record<string, string>>): EventQuery {
  const expand = queryValue(query, '$expand');
  return {
    select: readSelect(queryValue(query, '$select')),
    top: readCount(query, '$top'),
    skip: readCount(query, '$skip') ?? 0,
    filter: queryValue(query, '$filter'),
    orderBy: queryValue(query, '$orderby'),
    count: (queryValue(query, '$count') ?? '').toLowerCase() === 'true',
    expandPropertyIds: expand === undefined ? undefined : readExpand(expand),
  };
}

function readSelect(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const name = propertiesByKey.get(part.toLowerCase());
      if (!name && part.toLowerCase() !== 'id') throw unknownProperty(part, 'microsoft.graph.event');
      return name ?? 'id';
    });
}

function readCount(query: Readonly<Record<string, string>>, name: '$top' | '$skip'): number | undefined {
  const text = queryValue(query, name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value)) {
    throw badRequest(
      `Invalid value '${text}' for ${name} query option found. The ${name} query option requires a non-negative integer value.`,
    );
  }
  return value;
}

/** `singleValueExtendedProperties($filter=id eq 'A' or id eq 'B')` → the canonical ids A and B. */
function readExpand(text: string): string[] {
  const match = /^\s*singleValueExtendedProperties\s*\(\s*\$filter\s*=(.*)\)\s*$/is.exec(text);
  if (!match) {
    if (/^\s*singleValueExtendedProperties\s*$/i.test(text)) {
      throw badRequest(
        "Expanding singleValueExtendedProperties needs a $filter on the property id, e.g. ($filter=id eq '…').",
      );
    }
    const name = text.split('(')[0]?.trim() ?? text;
    throw unknownProperty(name, 'microsoft.graph.event');
  }
  let tree: FilterNode;
  try {
    tree = parseFilter(match[1] ?? '');
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest(`Invalid filter clause: ${error.message}`);
    throw error;
  }
  return collectIdEqualities(tree).map((raw) => {
    const id = canonicalPropertyId(raw);
    if (!id) throw invalidExtendedPropertyId(raw);
    return id;
  });
}

function collectIdEqualities(node: FilterNode): string[] {
  if (node.kind === 'or') return [...collectIdEqualities(node.left), ...collectIdEqualities(node.right)];
  if (
    node.kind === 'compare' &&
    node.operator === 'eq' &&
    node.left.kind === 'path' &&
    node.left.segments.length === 1 &&
    node.left.segments[0]?.toLowerCase() === 'id' &&
    node.right.kind === 'literal' &&
    node.right.literal.type === 'string'
  ) {
    return [node.right.literal.value];
  }
  throw new GraphError(400, 'ErrorInvalidUrlQueryFilter', 'The query filter contains one or more invalid nodes.');
}

/** The extended properties of an event that `$expand` asked for, in canonical form. */
export function expandedProperties(event: StoredEvent, ids: readonly string[]): { id: string; value: string }[] {
  const keys = new Set(ids.map(propertyKey));
  return event.extendedProperties.filter((p) => keys.has(propertyKey(p.id))).map((p) => ({ id: p.id, value: p.value }));
}

export type EventComparator = (a: StoredEvent, b: StoredEvent) => number;

const sortKeys: Record<string, (e: StoredEvent) => number | string> = {
  'start/datetime': (e) => e.startUtc,
  'end/datetime': (e) => e.endUtc,
  subject: (e) => ((e.fields.subject as string | undefined) ?? '').toLowerCase(),
  lastmodifieddatetime: (e) => e.lastModifiedDateTime,
  createddatetime: (e) => e.createdDateTime,
};

export function readOrderBy(text: string): EventComparator {
  const parts = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [property = '', direction = 'asc', ...extra] = part.split(/\s+/);
      const key = sortKeys[property.toLowerCase()];
      if (!key) {
        if (propertiesByKey.has(property.toLowerCase().split('/')[0] ?? '')) {
          throw new GraphError(400, 'ErrorInvalidProperty', `The property '${property}' does not support sorting.`);
        }
        throw unknownProperty(property, 'microsoft.graph.event');
      }
      const lowerDirection = direction.toLowerCase();
      if (extra.length > 0 || (lowerDirection !== 'asc' && lowerDirection !== 'desc')) {
        throw badRequest(`Syntax error at position ${part.length} in '${text}'.`);
      }
      return { key, sign: lowerDirection === 'desc' ? -1 : 1 };
    });
  return (a, b) => {
    for (const { key, sign } of parts) {
      const x = key(a);
      const y = key(b);
      if (x < y) return -sign;
      if (x > y) return sign;
    }
    return 0;
  };
}

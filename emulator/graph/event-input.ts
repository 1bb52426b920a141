// Reads an event from a request body (POST or PATCH) the way Graph does: unknown properties, read-only properties
// and values of the wrong type are refused before anything is stored; what remains is normalised for storage.
import type { ExtendedProperty } from '../mailboxes.ts';
import { parseExtendedProperties } from './extended-properties.ts';
import { GraphError } from './graph-error.ts';

export interface EventInput {
  /** Graph properties to set, normalised (`body.contentType` lower case, locations filled in, …). */
  readonly fields: Record<string, unknown>;
  readonly extendedProperties: ExtendedProperty[] | undefined;
  readonly transactionId: string | undefined;
}

const odataType = 'Microsoft.OutlookServices.Event';

const readOnly = new Set([
  'id',
  'createdDateTime',
  'lastModifiedDateTime',
  'changeKey',
  'iCalUId',
  'uid',
  'originalStartTimeZone',
  'originalEndTimeZone',
  'originalStart',
  'bodyPreview',
  'isOrganizer',
  'isCancelled',
  'isDraft',
  'hasAttachments',
  'seriesMasterId',
  'type',
  'webLink',
  'onlineMeetingUrl',
  'onlineMeeting',
  'responseStatus',
  'occurrenceId',
  'calendar',
  'instances',
  'attachments',
  'extensions',
  'exceptionOccurrences',
  'cancelledOccurrences',
]);

const enums: Record<string, readonly string[]> = {
  importance: ['low', 'normal', 'high'],
  sensitivity: ['normal', 'personal', 'private', 'confidential'],
  showAs: ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'],
  onlineMeetingProvider: ['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'],
};

const booleans = new Set([
  'isAllDay',
  'isReminderOn',
  'responseRequested',
  'allowNewTimeProposals',
  'hideAttendees',
  'isOnlineMeeting',
]);

export function bodyReadError(message: string): GraphError {
  return new GraphError(400, 'RequestBodyRead', message);
}

function wrongType(name: string, type: string): GraphError {
  return bodyReadError(
    `Cannot convert a primitive value to the expected type '${type}' for property '${name}'. See the inner exception for more details.`,
  );
}

/** Accepts a parsed JSON object (or JSON text, if the caller did not parse it) and returns the event input. */
export function readEventInput(raw: unknown, mode: 'create' | 'update'): EventInput {
  const body = jsonObject(raw);
  const fields: Record<string, unknown> = {};
  let extendedProperties: ExtendedProperty[] | undefined;
  let transactionId: string | undefined;
  for (const [name, value] of Object.entries(body)) {
    if (name.startsWith('@') || name.includes('@odata.')) continue;
    if (name === 'singleValueExtendedProperties') {
      extendedProperties = parseExtendedProperties(value);
      continue;
    }
    if (name === 'transactionId' && mode === 'create') {
      if (value !== null && typeof value !== 'string') throw wrongType(name, 'Edm.String');
      transactionId = value ?? undefined;
      continue;
    }
    if (readOnly.has(name) || name === 'transactionId') {
      throw new GraphError(400, 'ErrorInvalidPropertySet', `The property '${name}' is read-only and can't be set.`);
    }
    fields[name] = readProperty(name, value);
  }
  if (fields.locations !== undefined && fields.location === undefined) {
    fields.location = combinedLocation(fields.locations as Location[]);
  } else if (fields.location !== undefined && fields.locations === undefined) {
    const location = fields.location as Location;
    fields.locations = location.displayName ? [location] : [];
  }
  return { fields, extendedProperties, transactionId };
}

export function jsonObject(raw: unknown): Record<string, unknown> {
  let value = raw;
  if (typeof raw === 'string' || Buffer.isBuffer(raw)) {
    try {
      value = JSON.parse(raw.toString());
    } catch {
      // The text is not JSON: Graph answers with a body-read error, not a server error.
      throw new GraphError(
        400,
        'BadRequest',
        'Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.',
      );
    }
  }
  if (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new GraphError(400, 'BadRequest', 'Empty Payload. JSON content expected.');
  }
  return value as Record<string, unknown>;
}

function readProperty(name: string, value: unknown): unknown {
  if (booleans.has(name)) {
    if (typeof value !== 'boolean') throw wrongType(name, 'Edm.Boolean');
    return value;
  }
  const allowed = enums[name];
  if (allowed) return readEnum(value, allowed);
  switch (name) {
    case 'subject':
      if (value !== null && typeof value !== 'string') throw wrongType(name, 'Edm.String');
      return value ?? '';
    case 'reminderMinutesBeforeStart':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType(name, 'Edm.Int32');
      return value;
    case 'body':
      return readBody(value);
    case 'start':
    case 'end':
      return readDateTimeTimeZone(name, value);
    case 'categories':
      if (!Array.isArray(value) || value.some((c) => typeof c !== 'string'))
        throw wrongType(name, 'Collection(Edm.String)');
      return [...value];
    case 'location':
      return readLocation(value);
    case 'locations':
      if (!Array.isArray(value)) throw wrongType(name, `Collection(Microsoft.OutlookServices.Location)`);
      return value.map(readLocation);
    case 'attendees':
      if (!Array.isArray(value)) throw wrongType(name, 'Collection(Microsoft.OutlookServices.Attendee)');
      return value.map(readAttendee);
    case 'organizer':
      return value;
    case 'recurrence':
      if (value === null) return null;
      throw new GraphError(501, 'NotImplemented', 'The emulator does not support recurring events (recurrence).');
    case 'multiValueExtendedProperties':
      throw new GraphError(501, 'NotImplemented', 'The emulator does not support multiValueExtendedProperties.');
    default:
      throw bodyReadError(
        `The property '${name}' does not exist on type '${odataType}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
      );
  }
}

function readEnum(value: unknown, allowed: readonly string[]): string {
  if (typeof value !== 'string') throw bodyReadError(`Requested value '${String(value)}' was not found.`);
  const found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  if (!found) throw bodyReadError(`Requested value '${value}' was not found.`);
  return found;
}

function readBody(value: unknown): { contentType: 'text' | 'html'; content: string } {
  if (!value || typeof value !== 'object') throw wrongType('body', 'Microsoft.OutlookServices.ItemBody');
  const { contentType = 'text', content = '' } = value as { contentType?: unknown; content?: unknown };
  const type = readEnum(contentType, ['text', 'html']) as 'text' | 'html';
  if (content !== null && typeof content !== 'string') throw wrongType('body.content', 'Edm.String');
  return { contentType: type, content: content ?? '' };
}

export interface DateTimeTimeZone {
  readonly dateTime: string;
  readonly timeZone: string;
}

function readDateTimeTimeZone(name: string, value: unknown): DateTimeTimeZone {
  if (!value || typeof value !== 'object') throw wrongType(name, 'Microsoft.OutlookServices.DateTimeTimeZone');
  const { dateTime, timeZone } = value as { dateTime?: unknown; timeZone?: unknown };
  if (typeof dateTime !== 'string') throw wrongType(`${name}.dateTime`, 'Edm.String');
  if (timeZone !== undefined && timeZone !== null && typeof timeZone !== 'string') {
    throw wrongType(`${name}.timeZone`, 'Edm.String');
  }
  // A missing zone is refused later, with the time zone error Graph gives for an empty name.
  return { dateTime, timeZone: (timeZone as string | undefined | null) ?? '' };
}

export interface Location {
  readonly displayName: string;
  readonly locationType: string;
  readonly uniqueId?: string;
  readonly uniqueIdType: string;
  readonly [other: string]: unknown;
}

function readLocation(value: unknown): Location {
  if (!value || typeof value !== 'object') throw wrongType('location', 'Microsoft.OutlookServices.Location');
  const raw = value as Record<string, unknown>;
  const displayName = typeof raw.displayName === 'string' ? raw.displayName : '';
  if (raw.displayName !== undefined && raw.displayName !== null && typeof raw.displayName !== 'string') {
    throw wrongType('location.displayName', 'Edm.String');
  }
  if (displayName === '') return { displayName: '', locationType: 'default', uniqueIdType: 'unknown' };
  return {
    ...raw,
    displayName,
    locationType: typeof raw.locationType === 'string' ? raw.locationType : 'default',
    uniqueId: typeof raw.uniqueId === 'string' ? raw.uniqueId : displayName,
    uniqueIdType: typeof raw.uniqueIdType === 'string' ? raw.uniqueIdType : 'private',
  };
}

/** With several locations, Outlook's single `location` names them all, separated by "; ". */
function combinedLocation(locations: readonly Location[]): Location {
  if (locations.length === 1) return locations[0] as Location;
  const displayName = locations
    .map((l) => l.displayName)
    .filter(Boolean)
    .join('; ');
  if (displayName === '') return { displayName: '', locationType: 'default', uniqueIdType: 'unknown' };
  return { displayName, locationType: 'default', uniqueId: displayName, uniqueIdType: 'private' };
}

function readAttendee(value: unknown): unknown {
  const raw = value as { emailAddress?: { address?: unknown; name?: unknown }; type?: unknown } | null;
  if (!raw || typeof raw !== 'object' || !raw.emailAddress || typeof raw.emailAddress.address !== 'string') {
    throw bodyReadError('An attendee needs an emailAddress with an address.');
  }
  const address = raw.emailAddress.address;
  const name = typeof raw.emailAddress.name === 'string' ? raw.emailAddress.name : address;
  const type = raw.type === undefined ? 'required' : readEnum(raw.type, ['required', 'optional', 'resource']);
  return { type, status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress: { name, address } };
}

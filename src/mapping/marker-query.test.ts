import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_PROPERTY_ID, MARKER_PROPERTY_SET, SOURCE_KEY_PROPERTY_ID } from './marker.ts';
import {
  eventByKeyFilter,
  MARKER_EXPAND,
  modifiedSinceCreated,
  OUR_EVENTS_FILTER,
  readMarker,
  remoteEventFrom,
} from './marker-query.ts';

describe('marker queries', () => {
  it('filters on our fixed property, quoting values as OData strings', () => {
    expect(SOURCE_KEY_PROPERTY_ID).toBe('String {b00061ca-9cc3-40c8-98b2-3241093c73fd} Name timetableSyncKey');
    expect(OUR_EVENTS_FILTER).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${SOURCE_KEY_PROPERTY_ID}' and ep/value ne null)`,
    );
    expect(eventByKeyFilter("2026!O'Brien")).toBe(
      `singleValueExtendedProperties/Any(ep: ep/id eq '${SOURCE_KEY_PROPERTY_ID}' and ep/value eq '2026!O''Brien')`,
    );
    expect(MARKER_EXPAND).toBe(
      `singleValueExtendedProperties($filter=id eq '${SOURCE_KEY_PROPERTY_ID}' or id eq '${CONTENT_HASH_PROPERTY_ID}')`,
    );
  });
});

describe('reading the marker back', () => {
  const listed = {
    id: 'AAMkAD=',
    changeKey: 'ck1',
    createdDateTime: '2026-11-20T10:00:00.1234567Z',
    lastModifiedDateTime: '2026-11-20T10:00:00.4567891Z',
    start: { dateTime: '2026-12-01T08:00:00.0000000', timeZone: 'UTC' },
    end: { dateTime: '2026-12-01T09:45:00.0000000', timeZone: 'UTC' },
    singleValueExtendedProperties: [
      // Graph may spell the property set's GUID in upper case.
      { id: SOURCE_KEY_PROPERTY_ID.replace(MARKER_PROPERTY_SET, MARKER_PROPERTY_SET.toUpperCase()), value: 'key-1' },
      { id: CONTENT_HASH_PROPERTY_ID, value: 'hash-1' },
    ],
  };

  it('turns a listed event of ours into a RemoteEvent with UTC instants', () => {
    expect(remoteEventFrom(listed)).toEqual({
      graphId: 'AAMkAD=',
      changeKey: 'ck1',
      sourceKey: 'key-1',
      contentHash: 'hash-1',
      startUtc: '2026-12-01T08:00:00.000Z',
      endUtc: '2026-12-01T09:45:00.000Z',
      modifiedSinceCreated: false,
    });
  });

  it('tells an event written after its creation from the stamps Exchange sets apart while creating it', () => {
    const stamps = (createdDateTime?: string, lastModifiedDateTime?: string) =>
      modifiedSinceCreated({
        ...(createdDateTime ? { createdDateTime } : {}),
        ...(lastModifiedDateTime ? { lastModifiedDateTime } : {}),
      });
    // A few hundred milliseconds apart on a fresh create: not modified.
    expect(stamps('2026-11-20T10:00:00.1234567Z', '2026-11-20T10:00:00.9000000Z')).toBe(false);
    // The owner's edit a minute later, in either of the forms Graph writes timestamps in.
    expect(stamps('2026-11-20T10:00:00.1234567Z', '2026-11-20T10:01:00.0000000Z')).toBe(true);
    expect(stamps('2026-11-20T10:00:00.1234567+00:00', '2026-11-20T11:01:00+01:00')).toBe(true);
    // Missing or unreadable stamps: adopted as it is, as before these were read.
    expect(stamps(undefined, '2026-11-20T10:01:00Z')).toBe(false);
    expect(stamps('2026-11-20T10:00:00Z', undefined)).toBe(false);
    expect(stamps('soon', '2026-11-20T10:01:00Z')).toBe(false);
    expect(remoteEventFrom({ ...listed, lastModifiedDateTime: '2026-11-21T08:00:00Z' })?.modifiedSinceCreated).toBe(
      true,
    );
  });

  it('reads times in an IANA zone when a Prefer header asked for one', () => {
    const amsterdam = { ...listed, start: { dateTime: '2026-12-01T09:00:00', timeZone: 'Europe/Amsterdam' } };
    expect(remoteEventFrom(amsterdam)?.startUtc).toBe('2026-12-01T08:00:00.000Z');
  });

  it('does not take an event without our exact property name as ours', () => {
    expect(readMarker({ singleValueExtendedProperties: [] })).toBeNull();
    expect(
      readMarker({
        singleValueExtendedProperties: [
          { id: SOURCE_KEY_PROPERTY_ID.replace('timetableSyncKey', 'TimetableSyncKey'), value: 'k' },
        ],
      }),
    ).toBeNull();
    expect(readMarker({ singleValueExtendedProperties: [{ id: SOURCE_KEY_PROPERTY_ID, value: 'k' }] })).toEqual({
      sourceKey: 'k',
      contentHash: null,
    });
    expect(remoteEventFrom({ ...listed, singleValueExtendedProperties: null })).toBeNull();
  });
});

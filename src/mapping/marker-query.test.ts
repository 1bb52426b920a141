import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_PROPERTY_ID, MARKER_PROPERTY_SET, SOURCE_KEY_PROPERTY_ID } from './marker.ts';
import { eventByKeyFilter, MARKER_EXPAND, OUR_EVENTS_FILTER, readMarker, remoteEventFrom } from './marker-query.ts';

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
    });
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

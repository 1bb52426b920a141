import { describe, expect, it } from 'vitest';
import { CONTENT_HASH_PROPERTY_ID, MARKER_PROPERTY_SET, SOURCE_KEY_PROPERTY_ID } from '../mapping/marker.ts';
import { GraphProtocolError } from './graph-error.ts';
import { copiesFromLookup, parseOwnEventsPage, windowFilter } from './own-events.ts';

const event = (overrides: Record<string, unknown> = {}) => ({
  id: 'AAMk1',
  changeKey: 'ck',
  subject: 'Lecture',
  start: { dateTime: '2026-12-01T08:00:00.0000000', timeZone: 'UTC' },
  end: { dateTime: '2026-12-01T09:45:00.0000000', timeZone: 'UTC' },
  singleValueExtendedProperties: [
    // Graph may spell the property set's GUID in upper case.
    { id: SOURCE_KEY_PROPERTY_ID.replace(MARKER_PROPERTY_SET, MARKER_PROPERTY_SET.toUpperCase()), value: 'K-1' },
    { id: CONTENT_HASH_PROPERTY_ID, value: 'h1' },
  ],
  ...overrides,
});

describe('parseOwnEventsPage', () => {
  it('reads marker, hash and UTC instants, and the next link', () => {
    const page = parseOwnEventsPage({ value: [event()], '@odata.nextLink': 'https://g/v1.0/x?$skip=1' });
    expect(page.nextLink).toBe('https://g/v1.0/x?$skip=1');
    expect(page.events).toEqual([
      {
        graphId: 'AAMk1',
        changeKey: 'ck',
        sourceKey: 'K-1',
        contentHash: 'h1',
        startUtc: '2026-12-01T08:00:00.000Z',
        endUtc: '2026-12-01T09:45:00.000Z',
        modifiedSinceCreated: false,
        subject: 'Lecture',
      },
    ]);
  });

  it('gives a null hash when the hash property is missing', () => {
    const [only] = parseOwnEventsPage({
      value: [event({ singleValueExtendedProperties: [{ id: SOURCE_KEY_PROPERTY_ID, value: 'k' }] })],
    }).events;
    expect(only?.contentHash).toBeNull();
  });

  it.each([
    ['no value array', { error: 'x' }],
    ['an event without the marker', { value: [event({ singleValueExtendedProperties: [] })] }],
    ['an unreadable time', { value: [event({ start: { dateTime: 'soon', timeZone: 'UTC' } })] }],
    ['an event without changeKey', { value: [event({ changeKey: undefined })] }],
    ['a nextLink that is not a string', { value: [], '@odata.nextLink': 3 }],
  ])('throws on %s', (_what, body) => {
    expect(() => parseOwnEventsPage(body, 's1@uni.example')).toThrow(GraphProtocolError);
  });
});

describe('copiesFromLookup', () => {
  it('keeps only exact key matches (Exchange compares values without regard to case)', () => {
    const other = event({
      id: 'AAMk2',
      singleValueExtendedProperties: [{ id: SOURCE_KEY_PROPERTY_ID, value: 'k-1' }],
    });
    expect(copiesFromLookup({ value: [event(), other] }, 'K-1').map((e) => e.graphId)).toEqual(['AAMk1']);
  });
});

describe('windowFilter', () => {
  it('compares start and end with UTC wall-clock times', () => {
    expect(windowFilter({ startUtc: '2026-11-16T00:00:00.000Z', endUtc: '2027-05-30T00:00:00.000Z' })).toBe(
      "start/dateTime lt '2027-05-30T00:00:00' and end/dateTime gt '2026-11-16T00:00:00'",
    );
  });
});

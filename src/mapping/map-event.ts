// The default mapping from a canonical timetable event to the Graph event we write, with its marker and hash, and
// from a person's timetable to the desired events the planner takes (cancelled events are not desired).
import type { DateTimeTimeZone, Event, Location } from '@microsoft/microsoft-graph-types';
import type { DesiredEvent } from '../model/desired-event.ts';
import { eventInstants } from '../model/event-instants.ts';
import { isHttpUrl } from '../model/http-url.ts';
import type { EventSpan, TimetableEvent } from '../model/timetable-event.ts';
import { contentHash } from './content-hash.ts';
import { eventBody } from './event-body.ts';
import { eventSubject } from './event-subject.ts';
import { CONTENT_HASH_PROPERTY_ID, SOURCE_KEY_PROPERTY_ID } from './marker.ts';

export interface MappingOptions {
  /** Minutes before the start; the config's `mapping.reminderMinutes`. */
  readonly reminderMinutes: number;
}

export const DEFAULT_MAPPING: MappingOptions = Object.freeze({ reminderMinutes: 15 });

/** Every field is always written (empty where the timetable has nothing), so an update also clears old values. */
export function mapEvent(event: TimetableEvent, options: MappingOptions = DEFAULT_MAPPING): DesiredEvent {
  const content: Event = {
    subject: eventSubject(event),
    body: { contentType: 'html', content: eventBody(event) },
    ...times(event.when),
    location: primaryLocation(event),
    locations: event.locations.map((location) =>
      withUri({ displayName: location.name, locationType: 'default' }, location.url),
    ),
    showAs: 'busy',
    isReminderOn: true,
    reminderMinutesBeforeStart: options.reminderMinutes,
  };
  const hash = contentHash(content);
  const payload: Event = {
    ...content,
    singleValueExtendedProperties: [
      { id: SOURCE_KEY_PROPERTY_ID, value: event.id },
      { id: CONTENT_HASH_PROPERTY_ID, value: hash },
    ],
  };
  return { sourceKey: event.id, payload, contentHash: hash, ...eventInstants(event.when) };
}

/** The desired events of a timetable: confirmed ones only. */
export function desiredEvents(
  events: readonly TimetableEvent[],
  options: MappingOptions = DEFAULT_MAPPING,
): DesiredEvent[] {
  return events.filter((event) => event.status === 'confirmed').map((event) => mapEvent(event, options));
}

function times(when: EventSpan): { start: DateTimeTimeZone; end: DateTimeTimeZone; isAllDay: boolean } {
  if (when.allDay) {
    return {
      start: { dateTime: `${when.startDate}T00:00:00`, timeZone: when.timeZone },
      end: { dateTime: `${when.endDate}T00:00:00`, timeZone: when.timeZone },
      isAllDay: true,
    };
  }
  return {
    start: { dateTime: when.start, timeZone: when.timeZone },
    end: { dateTime: when.end, timeZone: when.timeZone },
    isAllDay: false,
  };
}

/** Graph keeps `location` and `locations` in step; we write both so they agree. */
function primaryLocation(event: TimetableEvent): Location {
  const [only, ...others] = event.locations;
  if (only === undefined) return { displayName: '', locationType: 'default' };
  if (others.length === 0) return withUri({ displayName: only.name, locationType: 'default' }, only.url);
  return { displayName: event.locations.map((location) => location.name).join('; '), locationType: 'default' };
}

function withUri(location: Location, url: string | null): Location {
  return url !== null && isHttpUrl(url) ? { ...location, locationUri: url } : location;
}

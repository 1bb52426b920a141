// From a canonical timetable event to the Graph event we write, with its marker and hash, through the institution's
// mapping (templates, per-activity-type reminder, show-as, sensitivity and category); and from a person's timetable
// to the desired events the planner takes (cancelled events and activity types not synced are not desired).
import type { DateTimeTimeZone, Event, Location } from '@microsoft/microsoft-graph-types';
import type { DesiredEvent } from '../model/desired-event.ts';
import { eventInstants } from '../model/event-instants.ts';
import { isHttpUrl } from '../model/http-url.ts';
import type { EventSpan, TimetableEvent } from '../model/timetable-event.ts';
import { contentHash } from './content-hash.ts';
import { eventBody, withManagedFooter } from './event-body.ts';
import { eventSubject, fitSubject } from './event-subject.ts';
import { DEFAULT_MAPPING, type MappingOptions } from './mapping-options.ts';
import { type CompiledMapping, compileMapping, type EventRule, eventCategory } from './mapping-rules.ts';
import { CONTENT_HASH_PROPERTY_ID, SOURCE_KEY_PROPERTY_ID } from './marker.ts';
import { renderTemplate } from './template.ts';
import { htmlFields, oneLine, textFields } from './template-fields.ts';

export type { MappingOptions };
export { DEFAULT_MAPPING };

/** Every field is always written (empty where the timetable has nothing), so an update also clears old values. */
export function mapEvent(event: TimetableEvent, options: MappingOptions = DEFAULT_MAPPING): DesiredEvent {
  const mapping = compileMapping(options);
  return mapWithRule(event, mapping, mapping.ruleFor(event.activityType));
}

/** The desired events of a timetable: confirmed ones of the activity types the institution syncs. */
export function desiredEvents(
  events: readonly TimetableEvent[],
  options: MappingOptions = DEFAULT_MAPPING,
): DesiredEvent[] {
  const mapping = compileMapping(options);
  const desired: DesiredEvent[] = [];
  for (const event of events) {
    if (event.status !== 'confirmed') continue;
    const rule = mapping.ruleFor(event.activityType);
    if (rule.sync) desired.push(mapWithRule(event, mapping, rule));
  }
  return desired;
}

function mapWithRule(event: TimetableEvent, mapping: CompiledMapping, rule: EventRule): DesiredEvent {
  const category = eventCategory(event, rule);
  const content: Event = {
    subject: mapping.subject
      ? fitSubject(oneLine(renderTemplate(mapping.subject, textFields(event))))
      : eventSubject(event),
    body: {
      contentType: 'html',
      content: mapping.body ? withManagedFooter(renderTemplate(mapping.body, htmlFields(event))) : eventBody(event),
    },
    ...times(event.when),
    location: primaryLocation(event, mapping),
    locations: event.locations.map((location) =>
      withUri({ displayName: location.name, locationType: 'default' }, location.url),
    ),
    showAs: rule.showAs,
    sensitivity: rule.sensitivity,
    categories: category === null ? [] : [category.displayName],
    ...(rule.reminderMinutes === null
      ? { isReminderOn: false }
      : { isReminderOn: true, reminderMinutesBeforeStart: rule.reminderMinutes }),
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
function primaryLocation(event: TimetableEvent, mapping: CompiledMapping): Location {
  const [only, ...others] = event.locations;
  const url = only !== undefined && others.length === 0 ? only.url : null;
  if (mapping.location) {
    const displayName = oneLine(renderTemplate(mapping.location, textFields(event)));
    return withUri({ displayName, locationType: 'default' }, url);
  }
  if (only === undefined) return { displayName: '', locationType: 'default' };
  if (others.length === 0) return withUri({ displayName: only.name, locationType: 'default' }, url);
  return { displayName: event.locations.map((location) => location.name).join('; '), locationType: 'default' };
}

function withUri(location: Location, url: string | null): Location {
  return url !== null && isHttpUrl(url) ? { ...location, locationUri: url } : location;
}

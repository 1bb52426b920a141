// A person's timetable as iCalendar (their personal feed, for calendar apps other than Outlook), built with
// ical.js's component API: one VEVENT per event, UID the source key, times in UTC (dates for all-day events).
import ICAL from 'ical.js';
import { eventInstants } from '../../model/event-instants.ts';
import type { TimetableEvent } from '../../model/timetable-event.ts';

export function icalCalendar(events: readonly TimetableEvent[], options: { name: string; now: Date }): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//timetable-sync//personal feed//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('x-wr-calname', options.name);
  const stamp = ICAL.Time.fromJSDate(options.now, true);
  for (const event of events) calendar.addSubcomponent(vevent(event, stamp));
  return calendar.toString();
}

function vevent(event: TimetableEvent, stamp: ICAL.Time): ICAL.Component {
  const component = new ICAL.Component('vevent');
  component.addPropertyWithValue('uid', event.id);
  component.addPropertyWithValue('dtstamp', stamp);
  if (event.when.allDay) {
    dateProperty(component, 'dtstart', event.when.startDate);
    dateProperty(component, 'dtend', event.when.endDate);
  } else {
    const { startUtc, endUtc } = eventInstants(event.when);
    component.addPropertyWithValue('dtstart', ICAL.Time.fromJSDate(new Date(startUtc), true));
    component.addPropertyWithValue('dtend', ICAL.Time.fromJSDate(new Date(endUtc), true));
  }
  component.addPropertyWithValue('summary', summaryOf(event));
  const location = event.locations.map((place) => place.name).join(', ');
  if (location !== '') component.addPropertyWithValue('location', location);
  const description = descriptionOf(event);
  if (description !== '') component.addPropertyWithValue('description', description);
  if (event.activityType) component.addPropertyWithValue('categories', event.activityType);
  if (event.onlineMeetingUrl) component.addPropertyWithValue('url', event.onlineMeetingUrl);
  component.addPropertyWithValue('status', event.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED');
  component.addPropertyWithValue('transp', 'OPAQUE');
  return component;
}

function dateProperty(component: ICAL.Component, name: string, date: string): void {
  const property = new ICAL.Property(name, component);
  property.resetType('date');
  property.setValue(ICAL.Time.fromDateString(date));
  component.addProperty(property);
}

function summaryOf(event: TimetableEvent): string {
  const title = event.title.trim() || event.activityType || 'Timetable event';
  return event.courseCode && !title.includes(event.courseCode) ? `${event.courseCode} ${title}` : title;
}

function descriptionOf(event: TimetableEvent): string {
  const lines: string[] = [];
  if (event.activityType) lines.push(`Activity: ${event.activityType}`);
  if (event.staff.length > 0) lines.push(`Staff: ${event.staff.join(', ')}`);
  if (event.groups.length > 0) lines.push(`Groups: ${event.groups.join(', ')}`);
  if (event.onlineMeetingUrl) lines.push(`Online: ${event.onlineMeetingUrl}`);
  if (event.notes) lines.push('', event.notes);
  return lines.join('\n');
}

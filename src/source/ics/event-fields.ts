// The canonical fields of one VEVENT (everything but its key and times), read once per component and shared by
// every occurrence of a series:
// - SUMMARY → title; LOCATION → locations, split on `;` (never on `,`: room names contain commas), ALTREP → its
//   link when there is one location; DESCRIPTION → notes (HTML turned into text; X-ALT-DESC only when there is
//   no plain DESCRIPTION); CATEGORIES → activityType (the first); COLOR → activityTypeColor when `#rrggbb`;
//   ORGANIZER and chairing ATTENDEEs with a CN → staff; URL (or Teams' X-MICROSOFT-SKYPETEAMSMEETINGURL) →
//   onlineMeetingUrl when http(s); STATUS:CANCELLED → cancelled. TRANSP is not used: show-as comes from the mapping.
import type ICAL from 'ical.js';
import { isHttpUrl } from '../../model/http-url.ts';
import type { EventLocation, TimetableEvent } from '../../model/timetable-event.ts';
import { htmlToText, looksLikeHtml } from './html-text.ts';

export type EventFields = Omit<TimetableEvent, 'id' | 'when'>;

export function eventFields(component: ICAL.Component): EventFields {
  return {
    title: text(component, 'summary') ?? '',
    courseCode: null,
    activityType: firstCategory(component),
    activityTypeColor: color(component),
    locations: locations(component),
    staff: staff(component),
    groups: [],
    notes: notes(component),
    onlineMeetingUrl: meetingUrl(component),
    status: text(component, 'status')?.toUpperCase() === 'CANCELLED' ? 'cancelled' : 'confirmed',
  };
}

function text(component: ICAL.Component, name: string): string | null {
  const value = component.getFirstPropertyValue(name);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function locations(component: ICAL.Component): EventLocation[] {
  const property = component.getFirstProperty('location');
  const value = property?.getFirstValue();
  if (typeof value !== 'string') return [];
  const names = value
    .split(';')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const altrep = property?.getParameter('altrep');
  const url = names.length === 1 && typeof altrep === 'string' && isHttpUrl(altrep) ? altrep : null;
  return names.map((name) => ({ name, url }));
}

function notes(component: ICAL.Component): string | null {
  const plain = text(component, 'description');
  if (plain !== null) return nonEmpty(looksLikeHtml(plain) ? htmlToText(plain) : plain);
  for (const property of component.getAllProperties('x-alt-desc')) {
    const value = property.getFirstValue();
    if (typeof value === 'string' && value.trim() !== '') return nonEmpty(htmlToText(value));
  }
  return null;
}

function firstCategory(component: ICAL.Component): string | null {
  for (const property of component.getAllProperties('categories')) {
    for (const value of property.getValues()) {
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  return null;
}

function color(component: ICAL.Component): string | null {
  const value = text(component, 'color');
  return value !== null && /^#[0-9a-f]{6}$/i.test(value) ? value.toLowerCase() : null;
}

function staff(component: ICAL.Component): string[] {
  const names: string[] = [];
  const add = (property: ICAL.Property) => {
    const name = property.getParameter('cn');
    const cn = typeof name === 'string' ? name.trim() : '';
    if (cn !== '' && !names.includes(cn)) names.push(cn);
  };
  const organizer = component.getFirstProperty('organizer');
  if (organizer) add(organizer);
  // Other attendees are the students and the rooms: not staff.
  for (const attendee of component.getAllProperties('attendee')) {
    const role = attendee.getParameter('role');
    if (typeof role === 'string' && role.toUpperCase() === 'CHAIR') add(attendee);
  }
  return names;
}

function meetingUrl(component: ICAL.Component): string | null {
  for (const name of ['url', 'x-microsoft-skypeteamsmeetingurl']) {
    const value = text(component, name);
    if (value !== null && isHttpUrl(value)) return value;
  }
  return null;
}

function nonEmpty(value: string): string | null {
  return value.trim() === '' ? null : value;
}

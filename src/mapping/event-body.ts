// The HTML body of one of our events: staff, groups, rooms, the meeting link and the notes, every value escaped,
// then a footer that says the event is managed by the timetable and edits are overwritten (templates keep it too).
import type { TimetableEvent } from '../model/timetable-event.ts';
import { escapeHtml, escapeMultiline, link } from './html.ts';

export const MANAGED_FOOTER =
  'This event is managed by your timetable. Changes made here are overwritten when the timetable changes; ' +
  'contact your timetabling office if something is wrong.';

export function eventBody(event: TimetableEvent): string {
  const rows: string[] = [];
  const row = (label: string, html: string) => rows.push(`<p><b>${escapeHtml(label)}:</b> ${html}</p>`);
  if (event.locations.length > 0) {
    row(
      event.locations.length === 1 ? 'Location' : 'Locations',
      event.locations.map((l) => link(l.url, l.name)).join(', '),
    );
  }
  if (event.staff.length > 0) row('Staff', event.staff.map(escapeHtml).join(', '));
  if (event.groups.length > 0) row('Groups', event.groups.map(escapeHtml).join(', '));
  if (event.onlineMeetingUrl !== null) row('Join online', link(event.onlineMeetingUrl, event.onlineMeetingUrl));
  if (event.notes !== null) row('Notes', escapeMultiline(event.notes));
  return withManagedFooter(rows.join(''));
}

/** The body around `html` (the default rows, or the institution's body template rendered): always with the footer. */
export function withManagedFooter(html: string): string {
  return `<div>${html}<hr><p style="color:#666666;font-size:smaller">${escapeHtml(MANAGED_FOOTER)}</p></div>`;
}

// What a placeholder becomes for one event: plain text in a subject, location or category name; safe HTML in a
// body, where every value is escaped, rooms with an http(s) page and the meeting URL become links, and notes keep
// their line breaks.
import type { TimetableEvent } from '../model/timetable-event.ts';
import { escapeHtml, escapeMultiline, link } from './html.ts';
import type { FieldRenderer, TemplateField } from './template.ts';

const defaultSeparator = ', ';

export function textFields(event: TimetableEvent): FieldRenderer {
  return (field, separator) => {
    const values = textValues(event, field);
    return values.join(separator ?? defaultSeparator);
  };
}

export function htmlFields(event: TimetableEvent): FieldRenderer {
  return (field, separator) => {
    const glue = escapeHtml(separator ?? defaultSeparator);
    switch (field) {
      case 'locations':
        return event.locations.map((location) => link(location.url, location.name)).join(glue);
      case 'onlineMeetingUrl':
        return event.onlineMeetingUrl === null ? '' : link(event.onlineMeetingUrl, event.onlineMeetingUrl);
      case 'notes':
        return event.notes === null ? '' : escapeMultiline(event.notes);
      default:
        return textValues(event, field).map(escapeHtml).join(glue);
    }
  };
}

function textValues(event: TimetableEvent, field: TemplateField): readonly string[] {
  switch (field) {
    case 'title':
      return present(event.title);
    case 'courseCode':
      return present(event.courseCode);
    case 'activityType':
      return present(event.activityType);
    case 'notes':
      return present(event.notes);
    case 'onlineMeetingUrl':
      return present(event.onlineMeetingUrl);
    case 'locations':
      return event.locations.map((location) => location.name).filter((name) => name.trim() !== '');
    case 'staff':
      return event.staff.filter((name) => name.trim() !== '');
    case 'groups':
      return event.groups.filter((name) => name.trim() !== '');
  }
}

function present(value: string | null): readonly string[] {
  return value === null || value.trim() === '' ? [] : [value.trim()];
}

/** A one-line text (subject, location, category): runs of whitespace, line breaks included, become one space. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// HTML for event bodies: everything from a timetable is text to escape, and only http(s) links become links.
import { isHttpUrl } from '../model/http-url.ts';

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

/** Escaped text with its line breaks kept. */
export function escapeMultiline(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeHtml)
    .join('<br>');
}

/** A link when `url` is http(s); otherwise just the escaped label (a `javascript:` URL never becomes clickable). */
export function link(url: string | null, label: string): string {
  if (url === null || !isHttpUrl(url)) return escapeHtml(label);
  return `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`;
}

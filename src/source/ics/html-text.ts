// Plain text from the HTML some exporters put in descriptions (X-ALT-DESC, or DESCRIPTION itself): tags dropped,
// scripts and styles dropped with their content, line breaks kept, entities decoded. The result is text; the
// mapper escapes it like any other timetable text, so nothing from the feed is ever passed on as HTML.

const named: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  euro: '€',
  copy: '©',
};

const knownTag =
  /<\/?(?:p|br|div|span|a|b|i|u|em|strong|font|ul|ol|li|table|tbody|thead|tr|td|th|h[1-6]|html|head|body|meta|title|style|script)\b[^>]*>/i;

/** Whether a description is HTML rather than text that happens to contain `<`. */
export function looksLikeHtml(text: string): boolean {
  return knownTag.test(text);
}

export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<(script|style|head|title)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|tr|h[1-6]|table|ul|ol)\s*>/gi, '\n')
    .replace(/<li\b[^>]*>/gi, '• ')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => decodeEntity(name) ?? entity);
  return text
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function decodeEntity(name: string): string | null {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
    return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }
  return named[name.toLowerCase()] ?? null;
}

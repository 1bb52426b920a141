// Event bodies: Outlook keeps what was written, answers HTML unless `Prefer: outlook.body-content-type="text"`
// asks for text, and derives `bodyPreview` (the first 255 characters of the text).

export interface ItemBody {
  readonly contentType: 'text' | 'html';
  readonly content: string;
}

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

export function htmlToText(html: string): string {
  return html
    .replace(/<(head|style|script)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\r\n')
    .replace(/<\/(p|div|li|tr|h\d)>/gi, '\r\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#?\w+);/g, (whole, name: string) => {
      if (name.startsWith('#')) {
        const code = name[1] === 'x' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return entities[name] ?? whole;
    })
    .replace(/\r\n(\r\n)+$/, '')
    .trim();
}

export function textToHtml(text: string): string {
  if (text === '') return '';
  const escaped = text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replace(/\r?\n/g, '<br>\r\n');
  return `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n${escaped}\r\n</body>\r\n</html>\r\n`;
}

/** The body as the client asked for it (`html` when it did not say, as Outlook does). */
export function bodyAs(body: ItemBody, wanted: 'text' | 'html'): ItemBody {
  if (body.contentType === wanted) return body;
  return wanted === 'html'
    ? { contentType: 'html', content: textToHtml(body.content) }
    : { contentType: 'text', content: htmlToText(body.content) };
}

export function bodyPreview(body: ItemBody): string {
  const text = body.contentType === 'html' ? htmlToText(body.content) : body.content.trim();
  return text.slice(0, 255);
}

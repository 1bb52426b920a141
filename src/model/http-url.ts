// Links from a timetable end up clickable in Outlook: only absolute http and https URLs are accepted anywhere.

export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}

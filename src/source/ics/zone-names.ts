// Turns a TZID as exporters write it into an IANA zone: an IANA name (`Europe/Amsterdam`), one behind a vendor
// prefix (`/freeassociation.sourceforge.net/Tzfile/Europe/London`), a Windows id (`W. Europe Standard Time`,
// `GMT Standard Time`, through windows-iana) or a Windows display name (`(UTC+01:00) Amsterdam, Berlin, …`, see
// windows-display-names.ts). Null when the name says nothing we know: the feed's own VTIMEZONE is the fallback.
// A Windows zone covers several IANA zones with the same rules; the institution's own is preferred among them
// (`W. Europe Standard Time` is Europe/Amsterdam in Amsterdam, Europe/Berlin elsewhere).
import { findIana } from 'windows-iana';
import { isIanaZone } from '../../model/local-time.ts';
import { WINDOWS_DISPLAY_NAMES } from './windows-display-names.ts';

const displayNames = new Map(Object.entries(WINDOWS_DISPLAY_NAMES).map(([cities, id]) => [normalise(cities), id]));

export function ianaZoneFor(tzid: string, preferred: string): string | null {
  const name = tzid.trim().replace(/^"(.*)"$/, '$1');
  if (name === '') return null;
  if (isIanaZone(name)) return canonical(name);
  const windows = windowsZone(name, preferred);
  if (windows !== null) return windows;
  // `/mozilla.org/20050126_1/America/New_York`: the longest IANA-looking tail wins.
  const parts = name.split('/').filter((part) => part !== '');
  for (let start = 0; start < parts.length - 1; start++) {
    const tail = parts.slice(start).join('/');
    if (isIanaZone(tail)) return canonical(tail);
  }
  const display = /^\((?:UTC|GMT)(?:\s*[+-]\d{1,2}:?\d{2})?\)\s*(.+)$/i.exec(name)?.[1];
  const windowsId = display === undefined ? undefined : displayNames.get(normalise(display));
  return windowsId === undefined ? null : windowsZone(windowsId, preferred);
}

function windowsZone(name: string, preferred: string): string | null {
  const zones = findIana(name);
  if (zones.includes(preferred as never)) return preferred;
  return zones[0] === undefined ? null : canonical(zones[0]);
}

// `UTC` and its aliases all become `UTC`; other names are used as the feed wrote them.
function canonical(zone: string): string {
  return /^(Etc\/)?(UTC|UCT|Universal|Zulu|GMT([+-]?0)?|Greenwich)$/i.test(zone) ? 'UTC' : zone;
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

// Epoch milliseconds → the wall-clock time in an IANA zone, fast: a zone's offset is looked up once per UTC day
// (luxon costs tens of microseconds per conversion, and a university's timetable is hundreds of thousands of
// events). Days near a DST change take the careful path, which also refuses the times a change repeats.
import { DateTime, IANAZone } from 'luxon';

const dayMs = 86_400_000;
const margin = 2 * 3_600_000;
const localFormat = "yyyy-MM-dd'T'HH:mm:ss";

/** `zone day` → the zone's offset in minutes all that day, or null when it changes within two hours of it. */
const offsets = new Map<string, number | null>();
const maxOffsets = 100_000;

/**
 * `YYYY-MM-DDTHH:mm:ss` in `zone` (milliseconds dropped), or null when that wall-clock time happens twice (the hour
 * a change to winter time repeats), where it would not name the instant.
 */
export function wallClock(ms: number, zone: string): string | null {
  const day = Math.floor(ms / dayMs);
  const key = `${zone} ${day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const iana = IANAZone.create(zone);
    const before = iana.offset(day * dayMs - margin);
    const after = iana.offset((day + 1) * dayMs + margin);
    offset = before === after ? before : null;
    if (offsets.size >= maxOffsets) offsets.clear();
    offsets.set(key, offset);
  }
  if (offset === null) return carefulWallClock(ms, zone);
  return new Date(Math.floor(ms / 1000) * 1000 + offset * 60_000).toISOString().slice(0, 19);
}

function carefulWallClock(ms: number, zone: string): string | null {
  const text = DateTime.fromMillis(ms, { zone }).toFormat(localFormat);
  // The round trip must land on the same second, or the wall-clock time names another instant.
  return DateTime.fromISO(text, { zone }).toMillis() === Math.floor(ms / 1000) * 1000 ? text : null;
}

// Time zone names as Graph accepts them (Windows names such as "W. Europe Standard Time" and IANA names), and the
// conversions between a `{dateTime, timeZone}` wall-clock reading and a UTC instant. Lookups are cached per name.
import { DateTime, IANAZone } from 'luxon';
import { WINDOWS_TO_IANA_MAP } from 'windows-iana';
import { GraphError } from './graph-error.ts';

export interface ResolvedZone {
  /** The name as the client wrote it: echoed back as `timeZone` and kept as `originalStartTimeZone`. */
  readonly name: string;
  /** undefined for UTC (the fast path), otherwise the IANA zone used for arithmetic. */
  readonly zone: IANAZone | undefined;
}

const utcNames = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'coordinated universal time', 'z', 'zulu', 'universal']);
const windowsToIana = new Map<string, string>();
for (const entry of WINDOWS_TO_IANA_MAP) {
  const key = entry.windowsName.toLowerCase();
  const iana = entry.iana[0];
  // Territory "001" is Windows' own canonical mapping for the name; other territories only fill gaps.
  if (iana && (entry.territory === '001' || !windowsToIana.has(key))) windowsToIana.set(key, iana);
}

const cache = new Map<string, ResolvedZone | null>();

/** The zone for a Windows or IANA name, or undefined when Graph would not accept the name. */
export function findTimeZone(name: string): ResolvedZone | undefined {
  const cached = cache.get(name);
  if (cached !== undefined) return cached ?? undefined;
  const resolved = resolveUncached(name);
  if (cache.size > 10_000) cache.clear();
  cache.set(name, resolved ?? null);
  return resolved;
}

function resolveUncached(name: string): ResolvedZone | undefined {
  const key = name.trim().toLowerCase();
  if (key === '') return undefined;
  if (utcNames.has(key)) return { name, zone: undefined };
  const iana = windowsToIana.get(key) ?? name.trim();
  // Only real region names: Intl also accepts offsets like "+01:00", which Graph does not.
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(iana)) return undefined;
  const zone = IANAZone.create(iana);
  if (!zone.isValid) return undefined;
  return { name, zone: iana === 'Etc/UTC' || iana === 'UTC' ? undefined : zone };
}

export function timeZoneNotSupported(name: string): GraphError {
  return new GraphError(
    400,
    'TimeZoneNotSupportedException',
    `A valid TimeZone value must be specified. The following TimeZone value is not supported: '${name}'.`,
  );
}

/** Like findTimeZone, but answers Graph's 400 for a name it does not know. */
export function requireTimeZone(name: string): ResolvedZone {
  const zone = findTimeZone(name);
  if (!zone) throw timeZoneNotSupported(name);
  return zone;
}

const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export interface WallClock {
  /** The reading as if it were UTC, in ms: the wall clock without a zone. */
  readonly wallMs: number;
  /** Set when the string carried its own offset (`Z`, `+02:00`): the instant is then fixed by it. */
  readonly instantMs: number | undefined;
}

/** Parses Graph's `dateTime` (`2026-12-01T09:00:00`, optional fraction, date only, or with an offset). */
export function parseWallClock(text: string): WallClock | undefined {
  const m = dateTimePattern.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = m;
  const ms = Number(fraction.padEnd(3, '0').slice(0, 3));
  const wallMs = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  const check = new Date(wallMs);
  if (Number.isNaN(wallMs) || check.getUTCDate() !== Number(d) || check.getUTCHours() !== Number(h)) return undefined;
  if (!offset) return { wallMs, instantMs: undefined };
  if (offset.toUpperCase() === 'Z') return { wallMs, instantMs: wallMs };
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
  return { wallMs, instantMs: wallMs - sign * minutes * 60_000 };
}

/** The UTC instant of a wall-clock reading in a zone (a time skipped by a DST change moves forward, as Outlook does). */
export function wallClockToUtc(wall: WallClock, zone: ResolvedZone): number {
  if (wall.instantMs !== undefined) return wall.instantMs;
  if (!zone.zone) return wall.wallMs;
  const d = new Date(wall.wallMs);
  return DateTime.fromObject(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      millisecond: d.getUTCMilliseconds(),
    },
    { zone: zone.zone },
  ).toMillis();
}

/** The wall-clock reading of an instant in a zone, as ms-since-epoch-as-if-UTC. */
export function utcToWallMs(utcMs: number, zone: ResolvedZone): number {
  if (!zone.zone) return utcMs;
  return utcMs + zone.zone.offset(utcMs) * 60_000;
}

/** Graph's dateTime text: `2026-12-01T08:00:00.0000000` (seven fractional digits, no offset). */
export function formatGraphDateTime(wallMs: number): string {
  return `${new Date(wallMs).toISOString().slice(0, 23)}0000`;
}

/** Graph's timestamp text for createdDateTime and friends: `2026-12-01T08:00:00.1230000Z`. */
export function formatGraphTimestamp(utcMs: number): string {
  return `${new Date(utcMs).toISOString().slice(0, 23)}0000Z`;
}

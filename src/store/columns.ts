// Column types shared by the table definitions: timestamptz comes back as a Date on both drivers and accepts a
// Date or an ISO string; jsonb comes back parsed and is written as JSON text (the same on pg and PGlite).
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
export type Json<T> = ColumnType<T, string, string>;
export type DefaultedJson<T> = ColumnType<T, string | undefined, string>;

/** The store returns instants as UTC ISO strings (`Date#toISOString`), whatever offset they were written with. */
export function toIso(value: Date | string): string {
  return new Date(value).toISOString();
}

export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

// The `person` table: one row per person whose timetable is synced, with their mailbox, how we reach it, their
// own settings and the status the dashboard shows.
import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { AuthMode, Person } from '../model/person.ts';
import type { DefaultedJson, DefaultedTimestamp, NullableTimestamp } from './columns.ts';

export const PERSON_STATUSES = ['never_synced', 'ok', 'failing', 'reconnect_needed', 'held', 'disconnected'] as const;
/**
 * `failing`: the last sync of this person failed (status_reason and status_code say why); `reconnect_needed`: a
 * delegated sign-in expired or consent was revoked, no retries until they reconnect; `held`: a plan waits for an
 * admin; `disconnected`: they disconnected (delegated) and nothing is synced.
 */
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** What a person may choose for their own calendar (within what the institution allows). */
export interface PersonSettings {
  readonly reminderMinutes?: number;
  /** Only these activity types (absent: all). */
  readonly activityTypes?: readonly string[];
  readonly categories?: boolean;
}

export interface PersonTable {
  id: string;
  mailbox: string;
  authMode: AuthMode;
  settings: DefaultedJson<PersonSettings>;
  status: ColumnType<PersonStatus, PersonStatus | undefined, PersonStatus>;
  /** A sentence an admin can act on (for `failing`, `reconnect_needed`, `held`). */
  statusReason: string | null;
  /** A stable code for grouping (Graph's error code, an AADSTS code, or ours). */
  statusCode: string | null;
  statusChangedAt: DefaultedTimestamp;
  lastSyncAt: NullableTimestamp;
  lastSuccessAt: NullableTimestamp;
  createdAt: DefaultedTimestamp;
}

export type PersonRow = Selectable<PersonTable>;
export type NewPersonRow = Insertable<PersonTable>;

/** A person as the rest of the program sees them: instants as UTC ISO strings. */
export interface PersonRecord extends Person {
  readonly authMode: AuthMode;
  readonly settings: PersonSettings;
  readonly status: PersonStatus;
  readonly statusReason: string | null;
  readonly statusCode: string | null;
  readonly statusChangedAt: string;
  readonly lastSyncAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly createdAt: string;
}

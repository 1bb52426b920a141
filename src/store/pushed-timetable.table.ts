// The `pushed_timetable` table: what a timetabling system pushed to us for one person (`source.type: push`): their
// mailbox and their events in the canonical JSON form (validated when pushed, each event with its own timeZone).
import type { ColumnType, Selectable } from 'kysely';
import type { DefaultedTimestamp } from './columns.ts';

export interface PushedTimetableTable {
  personId: string;
  mailbox: string;
  /** JSON event objects as src/model/timetable-event-json.ts reads them. */
  events: ColumnType<readonly unknown[], string, string>;
  updatedAt: DefaultedTimestamp;
}

export type PushedTimetableRow = Selectable<PushedTimetableTable>;

export interface PushedTimetable {
  readonly personId: string;
  readonly mailbox: string;
  readonly events: readonly Record<string, unknown>[];
  readonly updatedAt: string;
}

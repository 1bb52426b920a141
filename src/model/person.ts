// A person whose timetable is synced: who they are in the timetabling system and which mailbox is theirs.

export type AuthMode = 'application' | 'delegated';

export interface Person {
  /** The id in the timetabling system (the json source's `people[].id`, the people file's `id`). */
  readonly id: string;
  /** The mailbox's user principal name (or Entra object id). */
  readonly mailbox: string;
}

// Exchange Online's side: one mailbox per user that has one, holding calendar events and the category master list.
// Plain JSON-able objects, so the whole store can be written to and read from the --state file as it is.

/** Who made the last write to an event: an application (app-only or on behalf of a user) or the owner in Outlook. */
export type Writer =
  | { readonly kind: 'application'; readonly clientId: string; readonly onBehalfOf?: string }
  | { readonly kind: 'owner' };

export interface ExtendedProperty {
  /** As Graph returns it, e.g. `String {66f5a359-4659-4830-9070-00047ec6ac6e} Name ttsKey`. */
  id: string;
  value: string;
}

export interface StoredEvent {
  readonly id: string;
  changeKey: string;
  readonly createdDateTime: string;
  lastModifiedDateTime: string;
  readonly calendarId: string;
  readonly iCalUId: string;
  readonly transactionId: string | null;
  /** UTC instants (ms) of start and end, for filters, ordering and calendarView. */
  startUtc: number;
  endUtc: number;
  /** Every other Graph event property as last written (`start`/`end` as given, in their own zone). */
  fields: Record<string, unknown>;
  extendedProperties: ExtendedProperty[];
  writtenBy: Writer;
  createdBy: Writer;
}

export interface Calendar {
  readonly id: string;
  name: string;
  readonly isDefaultCalendar: boolean;
  changeKey: string;
}

export interface OutlookCategory {
  readonly id: string;
  displayName: string;
  color: string;
}

export interface Mailbox {
  readonly userId: string;
  readonly calendars: Calendar[];
  /** Events by id (insertion order is creation order). */
  readonly events: Map<string, StoredEvent>;
  /** transactionId → event id: a repeated create with the same transactionId returns the first event. */
  readonly transactionIds: Map<string, string>;
  readonly categories: OutlookCategory[];
}

export interface MailboxSnapshot {
  readonly userId: string;
  readonly calendars: Calendar[];
  readonly events: StoredEvent[];
  readonly transactionIds: [string, string][];
  readonly categories: OutlookCategory[];
}

export function emptyMailbox(userId: string, defaultCalendarId: string): Mailbox {
  return {
    userId,
    calendars: [{ id: defaultCalendarId, name: 'Calendar', isDefaultCalendar: true, changeKey: '1' }],
    events: new Map(),
    transactionIds: new Map(),
    categories: [],
  };
}

export function snapshotMailbox(mailbox: Mailbox): MailboxSnapshot {
  return {
    userId: mailbox.userId,
    calendars: mailbox.calendars,
    events: [...mailbox.events.values()],
    transactionIds: [...mailbox.transactionIds.entries()],
    categories: mailbox.categories,
  };
}

export function restoreMailbox(snapshot: MailboxSnapshot): Mailbox {
  return {
    userId: snapshot.userId,
    calendars: snapshot.calendars,
    events: new Map(snapshot.events.map((event) => [event.id, event])),
    transactionIds: new Map(snapshot.transactionIds),
    categories: snapshot.categories,
  };
}

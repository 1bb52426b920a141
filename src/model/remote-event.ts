// One of OUR events as a calendar listing returned it (filtered and expanded on our marker): what a reconcile
// knows about the calendar. Events without our marker never become a RemoteEvent.

export interface RemoteEvent {
  readonly graphId: string;
  readonly changeKey: string;
  /** The value of our marker property. */
  readonly sourceKey: string;
  /** The value of our content-hash property; null when it is missing (then the event is rewritten). */
  readonly contentHash: string | null;
  /** UTC ISO instants of the event as it is in the calendar. */
  readonly startUtc: string;
  readonly endUtc: string;
  /**
   * Someone wrote the event after creating it: the owner in Outlook, or an update of ours. Our hash marker cannot
   * show an owner's edit, so this is what tells a copy we never recorded from one the owner changed since.
   */
  readonly modifiedSinceCreated: boolean;
}

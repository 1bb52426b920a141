// What the store remembers about one of our events in one person's calendar: the last known state the planner
// compares the desired timetable with.

export interface EventState {
  /** The stable source key of the occurrence (also the value of our marker property on the Graph event). */
  readonly sourceKey: string;
  readonly graphId: string;
  /** Hash of the mapped Graph event we last wrote; a different desired hash means an update is due. */
  readonly contentHash: string;
  /** Graph's changeKey after our last write; a different one in the calendar means the user edited it. */
  readonly changeKey: string;
  /** UTC ISO instants of the event as we wrote it: deletes happen only inside the sync window. */
  readonly startUtc: string;
  readonly endUtc: string;
  /**
   * Set when the user deleted the event in Outlook and the policy is `respect`: the content hash it had then.
   * The event stays deleted until the timetable changes it (a different hash).
   */
  readonly userDeletedHash: string | null;
  readonly lastSyncedAt: string;
}

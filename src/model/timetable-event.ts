// The canonical timetable event: what every source (JSON file, push API, iCal feed, MyTimetable) produces for one
// occurrence, and what the mapper turns into a Graph event.

export type EventStatus = 'confirmed' | 'cancelled';

/** Wall-clock time `YYYY-MM-DDTHH:mm:ss`, read in the span's IANA time zone. */
export type LocalDateTime = string;
/** Calendar date `YYYY-MM-DD`. */
export type LocalDate = string;

export interface TimedSpan {
  readonly allDay: false;
  readonly start: LocalDateTime;
  readonly end: LocalDateTime;
  /** IANA name, e.g. `Europe/Amsterdam` (Graph accepts IANA names as well as Windows ones). */
  readonly timeZone: string;
}

export interface AllDaySpan {
  readonly allDay: true;
  readonly startDate: LocalDate;
  /** Exclusive, as in iCalendar and Graph: a one-day event on 1 December ends on 2 December. */
  readonly endDate: LocalDate;
  /** The zone whose midnights bound the days (the timetable's zone): Graph wants `isAllDay` midnight-to-midnight. */
  readonly timeZone: string;
}

export type EventSpan = TimedSpan | AllDaySpan;

export interface EventLocation {
  readonly name: string;
  /** A page about the room (map, booking), http or https only. */
  readonly url: string | null;
}

export interface TimetableEvent {
  /** The stable source key of this one occurrence: it becomes our marker on the Graph event. */
  readonly id: string;
  readonly when: EventSpan;
  readonly title: string;
  readonly courseCode: string | null;
  /** Lecture, Tutorial, Exam, … as the timetabling system names it. */
  readonly activityType: string | null;
  /** `#rrggbb` from the timetabling system, for coloured categories later. */
  readonly activityTypeColor: string | null;
  readonly locations: readonly EventLocation[];
  readonly staff: readonly string[];
  readonly groups: readonly string[];
  /** Free text from the timetabling system: untrusted, escaped wherever it is shown. */
  readonly notes: string | null;
  /** http or https only. */
  readonly onlineMeetingUrl: string | null;
  /** `cancelled`: the event should not be (or no longer be) in the calendar. */
  readonly status: EventStatus;
}

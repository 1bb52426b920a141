// How the institution wants events to look (the config's `mapping` section, resolved): templates, reminder, show-as,
// sensitivity and a category, as defaults and per activity type, and which activity types are synced at all.
// Absent keys mean the built-in defaults, so a configuration that sets nothing writes what earlier versions wrote.

export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere';
export type Sensitivity = 'normal' | 'personal' | 'private' | 'confidential';

export const SHOW_AS_VALUES: readonly ShowAs[] = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere'];
export const SENSITIVITY_VALUES: readonly Sensitivity[] = ['normal', 'personal', 'private', 'confidential'];

/** One activity type's settings; what it leaves out comes from the mapping's defaults. */
export interface ActivityTypeMapping {
  /** False: events of this type are not in anyone's calendar (and are removed where we wrote them). */
  readonly sync?: boolean;
  /** A template for the category name (`Lecture`, `{activityType}`); empty: no category. */
  readonly category?: string;
  /** `#rrggbb`, a preset (`preset7`) or a colour name (`Blue`); default: the source's activityTypeColor. */
  readonly color?: string;
  /** Null: no reminder. */
  readonly reminderMinutes?: number | null;
  readonly showAs?: ShowAs;
  readonly sensitivity?: Sensitivity;
}

export interface MappingOptions {
  /** Minutes before the start; null: no reminder. */
  readonly reminderMinutes: number | null;
  /** Default `busy`. */
  readonly showAs?: ShowAs;
  /** Default `normal`. */
  readonly sensitivity?: Sensitivity;
  /** Subject template; default `{courseCode} {activityType}: {title}`, leaving out what the event lacks. */
  readonly subject?: string;
  /** Location template; default the rooms joined with `; `. */
  readonly location?: string;
  /** Body template (HTML; every value escaped); default staff, groups, rooms, meeting link and notes. */
  readonly body?: string;
  /** Category name template for every activity type; default none (the MyTimetable source: `{activityType}`). */
  readonly category?: string;
  /** Per activity type, matched without regard to case. */
  readonly activityTypes?: Readonly<Record<string, ActivityTypeMapping>>;
  /** `skip`: only the activity types listed in `activityTypes` are synced. Default `sync`. */
  readonly otherActivityTypes?: 'sync' | 'skip';
}

export const DEFAULT_MAPPING: MappingOptions = Object.freeze({ reminderMinutes: 15 });

/** The default category per source: MyTimetable gives each activity type a colour, so its events get categories. */
export function defaultCategoryFor(sourceType: string): string | undefined {
  return sourceType === 'mytimetable' ? '{activityType}' : undefined;
}

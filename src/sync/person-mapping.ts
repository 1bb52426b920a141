// A person's own settings applied to the institution's mapping, within what the institution allows
// (`web.personSettings`): their reminder (for every activity type), which activity types they want, and whether
// their events carry categories. A stored choice the institution no longer offers is ignored.
import type { Config } from '../config/index.ts';
import type { ActivityTypeMapping, MappingOptions } from '../mapping/mapping-options.ts';
import type { TimetableEvent } from '../model/timetable-event.ts';
import type { PersonSettings } from '../store/index.ts';

/** The institution's mapping itself (the same object, so its compiled form is reused) when nothing differs. */
export function personMapping(config: Config, settings: PersonSettings | undefined): MappingOptions {
  const policy = config.web.personSettings;
  const mapping = config.mapping;
  const reminder = settings?.reminderMinutes;
  const ownReminder = reminder !== undefined && policy.reminderMinutes.includes(reminder) ? reminder : undefined;
  const ownCategories = policy.categories && settings?.categories !== undefined ? settings.categories : undefined;
  if (ownReminder === undefined && ownCategories === undefined) return mapping;
  const type = (rule: ActivityTypeMapping): ActivityTypeMapping => ({
    ...rule,
    ...(ownReminder !== undefined && rule.reminderMinutes !== undefined ? { reminderMinutes: ownReminder } : {}),
    ...(ownCategories === false ? { category: '' } : {}),
  });
  return {
    ...mapping,
    ...(ownReminder !== undefined ? { reminderMinutes: ownReminder } : {}),
    ...(ownCategories === false ? { category: '' } : {}),
    ...(ownCategories === true && !mappingUsesCategories(mapping) ? { category: '{activityType}' } : {}),
    ...(mapping.activityTypes
      ? {
          activityTypes: Object.fromEntries(
            Object.entries(mapping.activityTypes).map(([name, rule]) => [name, type(rule)]),
          ),
        }
      : {}),
  };
}

/** The events the person wants: all of them unless they chose activity types (and may choose). */
export function personEvents(
  config: Config,
  settings: PersonSettings | undefined,
  events: readonly TimetableEvent[],
): readonly TimetableEvent[] {
  const wanted = settings?.activityTypes;
  if (!config.web.personSettings.activityTypes || wanted === undefined) return events;
  const types = new Set(wanted.map((type) => type.toLowerCase()));
  return events.filter((event) => event.activityType === null || types.has(event.activityType.toLowerCase()));
}

/** Whether events may carry categories (so a delegated sign-in must ask for MailboxSettings.ReadWrite). */
export function mappingUsesCategories(mapping: MappingOptions): boolean {
  const named = (category: string | undefined) => category !== undefined && category.trim() !== '';
  return named(mapping.category) || Object.values(mapping.activityTypes ?? {}).some((type) => named(type.category));
}

// The categories a person's events carry, with the colour each is created with: what the mailbox's master category
// list must hold for Outlook to colour them. The first event of a category decides its colour.
import type { TimetableEvent } from '../model/timetable-event.ts';
import { DEFAULT_MAPPING, type MappingOptions } from './mapping-options.ts';
import { compileMapping, type EventCategory, eventCategory } from './mapping-rules.ts';

/** Distinct by name without regard to case (as Outlook compares them), in the order the events give them. */
export function eventCategories(
  events: readonly TimetableEvent[],
  options: MappingOptions = DEFAULT_MAPPING,
): EventCategory[] {
  const mapping = compileMapping(options);
  const found = new Map<string, EventCategory>();
  for (const event of events) {
    if (event.status !== 'confirmed') continue;
    const rule = mapping.ruleFor(event.activityType);
    if (!rule.sync) continue;
    const category = eventCategory(event, rule);
    if (category !== null && !found.has(category.displayName.toLowerCase())) {
      found.set(category.displayName.toLowerCase(), category);
    }
  }
  return [...found.values()];
}

// The mapping options compiled once per configuration: parsed templates and one rule per activity type, looked up
// without regard to case. Compiled mappings are remembered per options object (the configuration is frozen), so
// mapping 150,000 events parses each template once.
import type { CategoryColor } from '@microsoft/microsoft-graph-types';
import type { TimetableEvent } from '../model/timetable-event.ts';
import { categoryColor } from './category-colors.ts';
import type { ActivityTypeMapping, MappingOptions, Sensitivity, ShowAs } from './mapping-options.ts';
import { compileTemplate, renderTemplate, type Template } from './template.ts';
import { oneLine, textFields } from './template-fields.ts';

export interface EventRule {
  readonly sync: boolean;
  readonly category: Template | null;
  /** The configured colour; null: the event's activityTypeColor decides. */
  readonly color: CategoryColor | null;
  readonly reminderMinutes: number | null;
  readonly showAs: ShowAs;
  readonly sensitivity: Sensitivity;
}

export interface CompiledMapping {
  /** Null: the built-in default. */
  readonly subject: Template | null;
  readonly location: Template | null;
  readonly body: Template | null;
  ruleFor(activityType: string | null): EventRule;
}

/** A category an event carries: its name, and the colour we create it with when the mailbox lacks it. */
export interface EventCategory {
  readonly displayName: string;
  readonly color: CategoryColor;
}

const compiled = new WeakMap<MappingOptions, CompiledMapping>();

export function compileMapping(options: MappingOptions): CompiledMapping {
  const known = compiled.get(options);
  if (known) return known;
  const optional = (source: string | undefined) => (source === undefined ? null : compileTemplate(source));
  const base: EventRule = {
    sync: options.otherActivityTypes !== 'skip',
    category:
      options.category === undefined || options.category.trim() === '' ? null : compileTemplate(options.category),
    color: null,
    reminderMinutes: options.reminderMinutes,
    showAs: options.showAs ?? 'busy',
    sensitivity: options.sensitivity ?? 'normal',
  };
  const rules = new Map<string, EventRule>();
  for (const [name, type] of Object.entries(options.activityTypes ?? {})) {
    rules.set(typeKey(name), ruleOf(type, { ...base, sync: true }));
  }
  const result: CompiledMapping = {
    subject: optional(options.subject),
    location: optional(options.location),
    body: optional(options.body),
    ruleFor: (activityType) => (activityType === null ? undefined : rules.get(typeKey(activityType))) ?? base,
  };
  compiled.set(options, result);
  return result;
}

function ruleOf(type: ActivityTypeMapping, base: EventRule): EventRule {
  let category = base.category;
  if (type.category !== undefined) category = type.category.trim() === '' ? null : compileTemplate(type.category);
  return {
    sync: type.sync ?? base.sync,
    category,
    color: type.color === undefined ? base.color : categoryColor(type.color),
    reminderMinutes: type.reminderMinutes === undefined ? base.reminderMinutes : type.reminderMinutes,
    showAs: type.showAs ?? base.showAs,
    sensitivity: type.sensitivity ?? base.sensitivity,
  };
}

function typeKey(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * The event's category, or null. Commas and semicolons are left out of the name: Outlook splits category lists on
 * them. The colour is the configured one, else the nearest preset to the source's colour, else none.
 */
export function eventCategory(event: TimetableEvent, rule: EventRule): EventCategory | null {
  if (rule.category === null) return null;
  const displayName = oneLine(renderTemplate(rule.category, textFields(event)).replace(/[,;]/g, ' ')).slice(0, 255);
  if (displayName === '') return null;
  const color =
    rule.color ?? (event.activityTypeColor === null ? null : categoryColor(event.activityTypeColor)) ?? 'none';
  return { displayName, color };
}

// The `mapping:` section of the configuration file, checked with the rest of it: templates are parsed here, so a
// typo in a placeholder is a config error naming the key (`mapping.subject: unknown field {cours} (did you mean
// {courseCode}?)`), never a surprise during a sync. Absent keys stay absent (they mean the built-in defaults).
import { z } from 'zod';
import { categoryColor } from './category-colors.ts';
import { defaultCategoryFor, type MappingOptions, SENSITIVITY_VALUES, SHOW_AS_VALUES } from './mapping-options.ts';
import { parseTemplate } from './template.ts';

const template = z.string().superRefine((text, context) => {
  const parsed = parseTemplate(text);
  if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message, input: text });
});

const color = z.string().refine((text) => categoryColor(text) !== null, {
  message: 'must be a colour like #1f77b4, a preset like preset7, a colour name like Blue or DarkGreen, or none',
});

const reminderMinutes = z
  .number()
  .int('must be a whole number of minutes')
  .min(0, 'must not be negative')
  .max(40_320, 'must be at most 40320 (four weeks)')
  .nullable();

const showAs = z.enum(SHOW_AS_VALUES as [string, ...string[]]);
const sensitivity = z.enum(SENSITIVITY_VALUES as [string, ...string[]]);

const activityType = z.strictObject({
  sync: z.boolean().optional(),
  category: template.optional(),
  color: color.optional(),
  reminderMinutes: reminderMinutes.optional(),
  showAs: showAs.optional(),
  sensitivity: sensitivity.optional(),
});

export const mappingSchema = z.strictObject({
  reminderMinutes: reminderMinutes.default(15),
  showAs: showAs.optional(),
  sensitivity: sensitivity.optional(),
  subject: template.optional(),
  location: template.optional(),
  body: template.optional(),
  category: template.optional(),
  activityTypes: z.record(z.string().min(1, 'must not be empty'), activityType).optional(),
  otherActivityTypes: z.enum(['sync', 'skip']).optional(),
});

export type MappingSection = z.infer<typeof mappingSchema>;

/** The section as the engine reads it; the source's default category fills in when none is configured. */
export function resolveMapping(section: MappingSection, sourceType: string): MappingOptions {
  const category = section.category ?? defaultCategoryFor(sourceType);
  return { ...(section as MappingOptions), ...(category === undefined ? {} : { category }) };
}

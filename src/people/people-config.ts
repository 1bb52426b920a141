// The `people:` section of the configuration: a people file or an Entra group. Its schema (checked with the rest
// of the file) and the resolved form the engine reads.
import { z } from 'zod';

export type PeopleConfig =
  /** A CSV file (absolute path): id, mailbox, and optionally username and feedKey. */
  | { readonly kind: 'file'; readonly path: string }
  /** Every user in an Entra group, nested groups included (object id). */
  | { readonly kind: 'group'; readonly groupId: string };

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const peopleSchema = z
  .strictObject({
    file: z.string().min(1, 'must not be empty').optional(),
    group: z.string().regex(guid, "must be the group's Object ID in Entra, a GUID").optional(),
  })
  .superRefine((value, context) => {
    if (value.file !== undefined && value.group !== undefined) {
      context.addIssue({ code: 'custom', message: 'use either file or group, not both', path: ['group'] });
    } else if (value.file === undefined && value.group === undefined) {
      context.addIssue({
        code: 'custom',
        message: 'needs file (a CSV of id, mailbox) or group (an Entra group id)',
        path: [],
      });
    }
  });

export type PeopleSection = z.infer<typeof peopleSchema>;

/** `file` checks and resolves a path (reporting an unreadable one); the schema guarantees one of the two forms. */
export function resolvePeople(section: PeopleSection, file: (key: string, path: string) => string): PeopleConfig {
  if (section.file !== undefined) return { kind: 'file', path: file('people.file', section.file) };
  return { kind: 'group', groupId: (section.group ?? '').toLowerCase() };
}

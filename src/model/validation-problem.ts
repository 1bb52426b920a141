// One problem found while validating user-provided data (configuration, timetable JSON), located by a key path
// like `people[0].events[3].end`, and the translation of zod's issues into that form, with the offending value.
import type { z } from 'zod';

export interface ValidationProblem {
  /** Where, as a key path: `sync.maxDeleteShare`, `people[2].events[0].start`; empty for the document itself. */
  readonly path: string;
  /** What is wrong, in words an admin understands, ending with `(got …)` when a value was given. */
  readonly message: string;
}

type PathSegment = PropertyKey;

/** `['people', 0, 'events', 3, 'end']` → `people[0].events[3].end`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let path = '';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else path += path === '' ? String(segment) : `.${String(segment)}`;
  }
  return path;
}

export function joinPath(base: string, rest: string): string {
  if (base === '') return rest;
  if (rest === '') return base;
  return rest.startsWith('[') ? `${base}${rest}` : `${base}.${rest}`;
}

/** A short rendering of a value for an error message; long values are cut so a message stays one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${describeValue(value)}`;
}

const expectedNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/** Turns zod issues (parsed with `reportInput: true`) into problems, paths prefixed with `basePath`. */
export function problemsFromZod(error: z.ZodError, basePath = ''): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  for (const issue of error.issues) {
    const path = joinPath(basePath, formatPath(issue.path));
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) problems.push({ path: joinPath(path, key), message: 'unknown key' });
        break;
      case 'invalid_type':
        problems.push({
          path,
          message:
            input === undefined
              ? 'is required'
              : `must be ${expectedNames[issue.expected] ?? issue.expected} (got ${typeName(input)})`,
        });
        break;
      case 'invalid_value':
        problems.push({
          path,
          message: `must be one of ${issue.values.map((v) => String(v)).join(', ')} (got ${describeValue(input)})`,
        });
        break;
      case 'invalid_union': {
        const discriminator = (issue as { discriminator?: string }).discriminator;
        const options = (issue as { options?: unknown[] }).options;
        if (discriminator !== undefined && options !== undefined) {
          const given = (input as Record<string, unknown> | undefined)?.[discriminator];
          problems.push({
            path,
            message:
              given === undefined
                ? `is required (one of ${options.join(', ')})`
                : `must be one of ${options.join(', ')} (got ${describeValue(given)})`,
          });
        } else {
          problems.push({ path, message: `${issue.message} (got ${describeValue(input)})` });
        }
        break;
      }
      default: {
        // Whole sections (refinements across keys) are not repeated back; single values are.
        const shown = input === undefined || (typeof input === 'object' && input !== null);
        problems.push({ path, message: shown ? issue.message : `${issue.message} (got ${describeValue(input)})` });
      }
    }
  }
  return problems;
}

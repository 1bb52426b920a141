// Turns zod's findings on a configuration file into problems an admin can act on: unknown keys get a "did you
// mean" from the keys the schema knows, and inline secrets are pointed to their File/Env forms.
import { z } from 'zod';
import type { ValidationProblem } from '../model/validation-problem.ts';
import { problemsFromZod } from '../model/validation-problem.ts';
import { configSchema } from './config-schema.ts';

const inlineSecrets: Readonly<Record<string, string>> = {
  password: 'passwordFile or passwordEnv',
  clientSecret: 'clientSecretFile or clientSecretEnv',
  secret: 'clientSecretFile or clientSecretEnv',
};

export function configProblems(error: z.ZodError): ValidationProblem[] {
  return problemsFromZod(error).map((problem) => {
    if (problem.message !== 'unknown key') return problem;
    const key = problem.path.split('.').at(-1) ?? '';
    const secretForm = inlineSecrets[key];
    if (secretForm !== undefined) {
      return { ...problem, message: `unknown key: secrets are never written in the configuration; use ${secretForm}` };
    }
    const suggestion = closestKnownKey(problem.path);
    return suggestion === null ? problem : { ...problem, message: `unknown key (did you mean ${suggestion}?)` };
  });
}

let knownKeys: ReadonlyMap<string, readonly string[]> | null = null;

/** The keys the schema knows, by the path of the section holding them (`''`, `microsoft`, `sync`, …). */
function keysBySection(): ReadonlyMap<string, readonly string[]> {
  if (knownKeys !== null) return knownKeys;
  const sections = new Map<string, string[]>();
  const walk = (node: unknown, section: string): void => {
    if (node === null || typeof node !== 'object') return;
    for (const [name, child] of Object.entries(node)) {
      if (name !== 'properties' || child === null || typeof child !== 'object') {
        walk(child, section);
        continue;
      }
      for (const [key, property] of Object.entries(child)) {
        sections.set(section, [...(sections.get(section) ?? []), key]);
        walk(property, section === '' ? key : `${section}.${key}`);
      }
    }
  };
  walk(z.toJSONSchema(configSchema, { unrepresentable: 'any', io: 'input' }), '');
  knownKeys = sections;
  return sections;
}

function closestKnownKey(path: string): string | null {
  const key = path.split('.').at(-1) ?? '';
  const candidates = keysBySection().get(path.split('.').slice(0, -1).join('.')) ?? [];
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 4)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

// What a grant receives from the token endpoint: the tenant, the authenticated application and the form.
import type { Application, Tenant } from '../directory.ts';

export type Form = Readonly<Record<string, string | undefined>>;

export interface TokenRequest {
  readonly tenant: Tenant;
  readonly app: Application;
  readonly form: Form;
}

/** A parsed form or query string with one value per name (the first, when a name is repeated). */
export function firstValues(raw: unknown): Form {
  const form: Record<string, string | undefined> = {};
  if (raw === null || typeof raw !== 'object') return form;
  for (const [name, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') form[name] = first;
  }
  return form;
}

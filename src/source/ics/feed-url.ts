// Per-person feed URLs from a template (`https://timetable.uni.example/ical?user={username}&key={feedKey}`) and
// URLs fit for messages: a feed URL carries a secret (the key), which never appears in an error or a log.

export const FEED_PLACEHOLDERS = ['id', 'mailbox', 'username', 'feedKey'] as const;
export type FeedPlaceholder = (typeof FEED_PLACEHOLDERS)[number];
export type FeedValues = Readonly<Record<FeedPlaceholder, string | null>>;

const placeholderPattern = /\{([^{}]*)\}/g;

/** The placeholders a template uses, in order of appearance (unknown names included, for the config check). */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(placeholderPattern)].map((match) => match[1] ?? '');
}

/** What is wrong with a template, as config problems; empty when it is usable. */
export function templateProblems(template: string): string[] {
  const problems: string[] = [];
  const names = placeholdersOf(template);
  const unknown = names.filter((name) => !(FEED_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const list = unknown.map((name) => `{${name}}`).join(', ');
    problems.push(`unknown placeholder ${list} (known: ${FEED_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')})`);
  } else if (names.length === 0) {
    problems.push('must name the person with a placeholder such as {username} or {id}, or everyone gets one feed');
  }
  if (/[{}]/.test(template.replace(placeholderPattern, ''))) problems.push('has an unmatched { or }');
  const sample = template.replace(placeholderPattern, 'x');
  if (!URL.canParse(sample) || !['http:', 'https:'].includes(new URL(sample).protocol)) {
    problems.push('must be an http:// or https:// URL');
  }
  return problems;
}

/** The URL for one person; each value is URL-encoded. `missing` names a placeholder the person has no value for. */
export function feedUrl(
  template: string,
  values: FeedValues,
): { readonly url: string } | { readonly missing: FeedPlaceholder } {
  let missing: FeedPlaceholder | null = null;
  const url = template.replace(placeholderPattern, (_, name: FeedPlaceholder) => {
    const value = values[name];
    if (value === null || value === '') {
      missing ??= name;
      return '';
    }
    return encodeURIComponent(value);
  });
  return missing === null ? { url } : { missing };
}

// Query parameters that usually hold a secret, whatever the timetabling system calls them.
const secretParameter = /key|token|secret|pass|sig|hash|auth|code|credential/i;

/**
 * The URL with secrets replaced by `***`: the values of key-like query parameters, a password in the URL, and
 * every occurrence of the given secret values (a feed key in the path).
 */
export function redactUrl(url: string, secrets: readonly (string | null)[] = []): string {
  let text = url;
  for (const secret of secrets) {
    if (secret === null || secret.length < 4) continue;
    text = text.replaceAll(encodeURIComponent(secret), '***').replaceAll(secret, '***');
  }
  if (!URL.canParse(text)) return text;
  const parsed = new URL(text);
  if (parsed.password !== '') parsed.password = '***';
  for (const name of [...parsed.searchParams.keys()]) {
    if (secretParameter.test(name) && parsed.searchParams.get(name) !== '{feedKey}')
      parsed.searchParams.set(name, '***');
  }
  return parsed.toString().replaceAll('%2A%2A%2A', '***').replaceAll('%7B', '{').replaceAll('%7D', '}');
}

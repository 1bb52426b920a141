// The institution's templates for subject, location, body and category: `{field}` placeholders and `[…]` optional
// sections, nothing else. No expressions, no code: a template can only place the canonical fields, so a config
// file cannot run anything and a timetable's text cannot become markup (the body escapes every value).
//
//   {courseCode}            the field; empty when the event has none
//   {staff|; }              a list field joined with "; " (default ", ")
//   [{courseCode} ]         a section: kept only when every placeholder directly inside it has a value
//   {{ }} [[ ]]             literal braces and brackets

/** The canonical fields a template may name. */
export const TEMPLATE_FIELDS = [
  'title',
  'courseCode',
  'activityType',
  'locations',
  'staff',
  'groups',
  'notes',
  'onlineMeetingUrl',
] as const;

export type TemplateField = (typeof TEMPLATE_FIELDS)[number];

export type TemplateNode =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'field'; readonly field: TemplateField; readonly separator: string | null }
  | { readonly kind: 'section'; readonly nodes: readonly TemplateNode[] };

export interface Template {
  readonly source: string;
  readonly nodes: readonly TemplateNode[];
}

export type ParsedTemplate =
  | { readonly ok: true; readonly template: Template }
  | { readonly ok: false; readonly message: string };

export function parseTemplate(source: string): ParsedTemplate {
  const stack: TemplateNode[][] = [[]];
  const opened: number[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') (stack.at(-1) as TemplateNode[]).push({ kind: 'text', text });
    text = '';
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i] as string;
    const next = source[i + 1];
    if ((char === '{' || char === '}' || char === '[' || char === ']') && next === char) {
      text += char;
      i++;
      continue;
    }
    if (char === '{') {
      const close = source.indexOf('}', i + 1);
      if (close < 0) return problem(`"{" at position ${i + 1} is never closed (write {{ for a literal brace)`);
      const inside = source.slice(i + 1, close);
      const bar = inside.indexOf('|');
      const name = (bar < 0 ? inside : inside.slice(0, bar)).trim();
      if (!isField(name)) return problem(unknownField(name));
      flush();
      (stack.at(-1) as TemplateNode[]).push({
        kind: 'field',
        field: name,
        separator: bar < 0 ? null : inside.slice(bar + 1),
      });
      i = close;
    } else if (char === '[') {
      flush();
      stack.push([]);
      opened.push(i);
    } else if (char === ']') {
      if (opened.length === 0)
        return problem(`"]" at position ${i + 1} closes no section (write ]] for a literal bracket)`);
      flush();
      const nodes = stack.pop() as TemplateNode[];
      opened.pop();
      (stack.at(-1) as TemplateNode[]).push({ kind: 'section', nodes });
    } else if (char === '}') {
      return problem(`"}" at position ${i + 1} closes no placeholder (write }} for a literal brace)`);
    } else {
      text += char;
    }
  }
  if (opened.length > 0) {
    return problem(`"[" at position ${(opened.at(-1) as number) + 1} is never closed (write [[ for a literal bracket)`);
  }
  flush();
  return { ok: true, template: { source, nodes: stack[0] as TemplateNode[] } };
}

/** For templates already checked with the configuration: a broken one here is a bug, not a user's mistake. */
export function compileTemplate(source: string): Template {
  const parsed = parseTemplate(source);
  if (!parsed.ok) throw new RangeError(`invalid template ${JSON.stringify(source)}: ${parsed.message}`);
  return parsed.template;
}

/** Renders one placeholder: '' when the event has no value for it. */
export type FieldRenderer = (field: TemplateField, separator: string | null) => string;

/** Literal text is copied as it is (in a body it is the institution's own HTML); placeholders come from `render`. */
export function renderTemplate(template: Template, render: FieldRenderer): string {
  return renderNodes(template.nodes, render).text;
}

function renderNodes(nodes: readonly TemplateNode[], render: FieldRenderer): { text: string; complete: boolean } {
  let text = '';
  let complete = true;
  for (const node of nodes) {
    if (node.kind === 'text') {
      text += node.text;
    } else if (node.kind === 'field') {
      const value = render(node.field, node.separator);
      if (value === '') complete = false;
      text += value;
    } else {
      const section = renderNodes(node.nodes, render);
      if (section.complete) text += section.text;
    }
  }
  return { text, complete };
}

function isField(name: string): name is TemplateField {
  return (TEMPLATE_FIELDS as readonly string[]).includes(name);
}

function problem(message: string): ParsedTemplate {
  return { ok: false, message };
}

function unknownField(name: string): string {
  const known = `known fields: ${TEMPLATE_FIELDS.join(', ')}`;
  if (name === '') return `empty placeholder {} (${known})`;
  const lower = name.toLowerCase();
  const guess =
    TEMPLATE_FIELDS.find((field) => field.toLowerCase().startsWith(lower) || lower.startsWith(field.toLowerCase())) ??
    TEMPLATE_FIELDS.find((field) => editDistance(lower, field.toLowerCase()) <= 2);
  const hint = guess ? ` (did you mean {${guess}}?)` : ` (${known})`;
  return `unknown field {${name}}${hint}`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(
        (previous[j] as number) + 1,
        (current[j - 1] as number) + 1,
        (previous[j - 1] as number) + cost,
      );
    }
    previous = current;
  }
  return previous[b.length] as number;
}

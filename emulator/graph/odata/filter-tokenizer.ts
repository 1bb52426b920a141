// Splits an OData `$filter` string into tokens: names, quoted strings, numbers, unquoted date-times and punctuation.
import { FilterSyntaxError } from './filter-ast.ts';

export type Token =
  | { readonly type: 'name'; readonly text: string; readonly position: number }
  | { readonly type: 'string'; readonly text: string; readonly position: number }
  | { readonly type: 'number'; readonly text: string; readonly position: number }
  | { readonly type: 'datetime'; readonly text: string; readonly position: number }
  | { readonly type: 'punctuation'; readonly text: '(' | ')' | ',' | ':' | '/'; readonly position: number }
  | { readonly type: 'end'; readonly text: ''; readonly position: number };

const dateTimeLiteral = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?/i;
const numberLiteral = /^-?\d+(\.\d+)?([eE][+-]?\d+)?[dDfFmMlL]?/;
const nameLiteral = /^[A-Za-z_$@][A-Za-z0-9_.$@]*/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',' || ch === ':' || ch === '/') {
      tokens.push({ type: 'punctuation', text: ch, position: i });
      i++;
      continue;
    }
    if (ch === "'") {
      const start = i;
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError(text, start);
        const c = text[i] as string;
        if (c === "'") {
          // OData escapes a quote inside a string by doubling it.
          if (text[i + 1] === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ type: 'string', text: value, position: start });
      continue;
    }
    const rest = text.slice(i);
    const dateTime = dateTimeLiteral.exec(rest);
    if (dateTime) {
      tokens.push({ type: 'datetime', text: dateTime[0], position: i });
      i += dateTime[0].length;
      continue;
    }
    const number = numberLiteral.exec(rest);
    if (number) {
      tokens.push({ type: 'number', text: number[0], position: i });
      i += number[0].length;
      continue;
    }
    const name = nameLiteral.exec(rest);
    if (name) {
      tokens.push({ type: 'name', text: name[0], position: i });
      i += name[0].length;
      continue;
    }
    throw new FilterSyntaxError(text, i);
  }
  tokens.push({ type: 'end', text: '', position: text.length });
  return tokens;
}

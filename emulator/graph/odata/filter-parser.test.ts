import { describe, expect, it } from 'vitest';
import { FilterSyntaxError } from './filter-ast.ts';
import { parseFilter } from './filter-parser.ts';

describe('OData $filter parser', () => {
  it('binds and tighter than or, and not tighter than and', () => {
    expect(parseFilter("subject eq 'a' or not isAllDay and isCancelled eq false")).toEqual({
      kind: 'or',
      left: {
        kind: 'compare',
        operator: 'eq',
        left: { kind: 'path', segments: ['subject'] },
        right: { kind: 'literal', literal: { type: 'string', value: 'a' } },
      },
      right: {
        kind: 'and',
        left: { kind: 'not', operand: { kind: 'path', segments: ['isAllDay'] } },
        right: {
          kind: 'compare',
          operator: 'eq',
          left: { kind: 'path', segments: ['isCancelled'] },
          right: { kind: 'literal', literal: { type: 'boolean', value: false } },
        },
      },
    });
  });

  it('lets parentheses override precedence', () => {
    const tree = parseFilter("(subject eq 'a' or subject eq 'b') and isAllDay eq true");
    expect(tree.kind).toBe('and');
    expect(tree.kind === 'and' && tree.left.kind).toBe('or');
  });

  it('reads quoted strings with doubled quotes, numbers, null and unquoted date-times', () => {
    const literals = (text: string) => {
      const tree = parseFilter(text);
      return tree.kind === 'compare' && tree.right.kind === 'literal' ? tree.right.literal : undefined;
    };
    expect(literals("subject eq 'O''Brien'")).toEqual({ type: 'string', value: "O'Brien" });
    expect(literals('reminderMinutesBeforeStart ge -15')).toEqual({ type: 'number', value: -15 });
    expect(literals('transactionId eq null')).toEqual({ type: 'null', value: null });
    expect(literals('lastModifiedDateTime ge 2026-12-01T08:00:00Z')).toEqual({
      type: 'datetime',
      value: Date.UTC(2026, 11, 1, 8),
      text: '2026-12-01T08:00:00Z',
    });
    expect(literals('createdDateTime lt 2026-12-01T09:00:00+01:00')).toMatchObject({ value: Date.UTC(2026, 11, 1, 8) });
  });

  it('parses lambdas with any variable name and either spelling of any', () => {
    const tree = parseFilter("singleValueExtendedProperties/Any(x: x/id eq 'String 0x1234' and x/value eq 'v')");
    expect(tree).toMatchObject({
      kind: 'lambda',
      quantifier: 'any',
      collection: ['singleValueExtendedProperties'],
      variable: 'x',
      body: { kind: 'and' },
    });
    expect(parseFilter("categories/any(c:c eq 'Red')")).toMatchObject({ kind: 'lambda', variable: 'c' });
    expect(parseFilter('categories/any()')).toMatchObject({ kind: 'lambda', variable: undefined, body: undefined });
  });

  it('parses function calls', () => {
    expect(parseFilter("startswith(subject,'Lec')")).toMatchObject({
      kind: 'call',
      name: 'startswith',
      args: [{ kind: 'path' }, { kind: 'literal' }],
    });
  });

  it.each([
    ['', 0],
    ["subject eq 'open", 11],
    ['subject eq', 10],
    ["subject eq 'a' and", 18],
    ["(subject eq 'a'", 15],
    ["subject eq 'a' foo", 15],
    ['subject # 3', 8],
  ])('refuses %j with the position where it stopped', (text, position) => {
    expect(() => parseFilter(text)).toThrow(FilterSyntaxError);
    try {
      parseFilter(text);
    } catch (error) {
      expect((error as FilterSyntaxError).position).toBe(position);
    }
  });
});

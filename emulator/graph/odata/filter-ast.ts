// The syntax tree of an OData `$filter` expression, as the parser produces it and evaluators consume it.

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

export type Literal =
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'boolean'; readonly value: boolean }
  /** An unquoted DateTimeOffset such as `2026-12-01T08:00:00Z`, as a UTC instant in ms. */
  | { readonly type: 'datetime'; readonly value: number; readonly text: string }
  | { readonly type: 'null'; readonly value: null };

export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly left: FilterNode; readonly right: FilterNode }
  | { readonly kind: 'not'; readonly operand: FilterNode }
  | {
      readonly kind: 'compare';
      readonly operator: ComparisonOperator;
      readonly left: FilterNode;
      readonly right: FilterNode;
    }
  | { readonly kind: 'literal'; readonly literal: Literal }
  /** A property path such as `start/dateTime`, or a lambda variable path such as `ep/value`. */
  | { readonly kind: 'path'; readonly segments: readonly string[] }
  | {
      readonly kind: 'lambda';
      readonly quantifier: 'any' | 'all';
      readonly collection: readonly string[];
      readonly variable: string | undefined;
      readonly body: FilterNode | undefined;
    }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly FilterNode[] };

/** A `$filter` that does not parse; `position` is the 0-based character offset where parsing stopped. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  readonly position: number;
  readonly text: string;

  constructor(text: string, position: number) {
    super(`Syntax error at position ${position} in '${text}'.`);
    this.text = text;
    this.position = position;
  }
}

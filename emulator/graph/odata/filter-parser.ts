// Recursive-descent parser for OData `$filter`: `or` binds loosest, then `and`, then `not`, then comparisons;
// parentheses, literals, property paths, function calls and `any`/`all` lambdas are the primaries.
import { type ComparisonOperator, type FilterNode, FilterSyntaxError, type Literal } from './filter-ast.ts';
import { type Token, tokenize } from './filter-tokenizer.ts';

const comparisonOperators = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

export function parseFilter(text: string): FilterNode {
  return new Parser(text).parseAll();
}

class Parser {
  private readonly text: string;
  private readonly tokens: Token[];
  private index = 0;

  constructor(text: string) {
    this.text = text;
    this.tokens = tokenize(text);
  }

  parseAll(): FilterNode {
    if (this.peek().type === 'end') throw this.error();
    const node = this.parseOr();
    if (this.peek().type !== 'end') throw this.error();
    return node;
  }

  private parseOr(): FilterNode {
    let left = this.parseAnd();
    while (this.isKeyword('or')) {
      this.index++;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): FilterNode {
    let left = this.parseUnary();
    while (this.isKeyword('and')) {
      this.index++;
      left = { kind: 'and', left, right: this.parseUnary() };
    }
    return left;
  }

  private parseUnary(): FilterNode {
    if (this.isKeyword('not')) {
      this.index++;
      return { kind: 'not', operand: this.parseUnary() };
    }
    return this.parseComparison();
  }

  private parseComparison(): FilterNode {
    const left = this.parsePrimary();
    const token = this.peek();
    if (token.type === 'name' && comparisonOperators.has(token.text.toLowerCase())) {
      this.index++;
      const operator = token.text.toLowerCase() as ComparisonOperator;
      return { kind: 'compare', operator, left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): FilterNode {
    const token = this.next();
    switch (token.type) {
      case 'punctuation': {
        if (token.text !== '(') throw this.error(token);
        const inner = this.parseOr();
        this.expect(')');
        return inner;
      }
      case 'string':
        return literal({ type: 'string', value: token.text });
      case 'number':
        return literal({ type: 'number', value: Number.parseFloat(token.text) });
      case 'datetime': {
        const hasOffset = /(Z|[+-]\d{2}:\d{2})$/i.test(token.text) && token.text.includes('T');
        const value = Date.parse(hasOffset ? token.text : `${token.text}${token.text.includes('T') ? 'Z' : ''}`);
        if (Number.isNaN(value)) throw this.error(token);
        return literal({ type: 'datetime', value, text: token.text });
      }
      case 'name':
        return this.parseName(token);
      default:
        throw this.error(token);
    }
  }

  private parseName(token: Token & { type: 'name' }): FilterNode {
    const lower = token.text.toLowerCase();
    if (lower === 'true' || lower === 'false') return literal({ type: 'boolean', value: lower === 'true' });
    if (lower === 'null') return literal({ type: 'null', value: null });
    if (this.peekPunctuation('(')) {
      this.index++;
      const args: FilterNode[] = [];
      if (!this.peekPunctuation(')')) {
        args.push(this.parseOr());
        while (this.peekPunctuation(',')) {
          this.index++;
          args.push(this.parseOr());
        }
      }
      this.expect(')');
      return { kind: 'call', name: lower, args };
    }
    const segments = [token.text];
    while (this.peekPunctuation('/')) {
      this.index++;
      const segment = this.next();
      if (segment.type !== 'name') throw this.error(segment);
      const quantifier = segment.text.toLowerCase();
      if ((quantifier === 'any' || quantifier === 'all') && this.peekPunctuation('(')) {
        return this.parseLambda(quantifier, segments);
      }
      segments.push(segment.text);
    }
    return { kind: 'path', segments };
  }

  private parseLambda(quantifier: 'any' | 'all', collection: string[]): FilterNode {
    this.expect('(');
    if (this.peekPunctuation(')')) {
      this.index++;
      if (quantifier === 'all') throw this.error();
      return { kind: 'lambda', quantifier, collection, variable: undefined, body: undefined };
    }
    const variable = this.next();
    if (variable.type !== 'name') throw this.error(variable);
    this.expect(':');
    const body = this.parseOr();
    this.expect(')');
    return { kind: 'lambda', quantifier, collection, variable: variable.text, body };
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token.type === 'name' && token.text.toLowerCase() === word;
  }

  private peekPunctuation(text: string): boolean {
    const token = this.peek();
    return token.type === 'punctuation' && token.text === text;
  }

  private expect(text: string): void {
    const token = this.next();
    if (token.type !== 'punctuation' || token.text !== text) throw this.error(token);
  }

  private peek(): Token {
    return this.tokens[this.index] as Token;
  }

  private next(): Token {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }

  private error(token: Token = this.peek()): FilterSyntaxError {
    return new FilterSyntaxError(this.text, token.position);
  }
}

function literal(value: Literal): FilterNode {
  return { kind: 'literal', literal: value };
}

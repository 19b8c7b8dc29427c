// A compiled form of our card templates, expanded without adaptivecards-templating. The library parses every
// `${…}` with ANTLR and evaluates it through adaptive-expressions: loading those two costs about a quarter of the
// bot's cold start and each expansion about 0.2 ms. Our templates use a small part of the language (paths from
// $root or the current $data, string literals, whole numbers, !, ==, !=, <, >, <=, >=, &&, || and count()), which this
// module compiles once per template and evaluates with the library's own expansion rules ($data repeats, $when drops,
// a string that is one expression keeps its value's type, an array item that expands to an array is spliced in).
//
// It never guesses: a template using anything else does not compile (`compileTemplate` returns undefined), and an
// expansion meeting anything the fast path does not mirror exactly (a missing or null field, which the library
// writes as a literal "${field}"; a non-boolean condition; operands of different types) throws `NotMirrored`. The
// renderer then expands that card with the library itself, so every card comes out exactly as the library makes it.

/** An expansion the compiled form does not mirror exactly: the caller expands with the library instead. */
export class NotMirrored extends Error {
  override readonly name = 'NotMirrored';
}

type Operator = '==' | '!=' | '<' | '>' | '<=' | '>=' | '&&' | '||';

type Expr =
  | { readonly kind: 'path'; readonly fromRoot: boolean; readonly keys: readonly string[] }
  | { readonly kind: 'literal'; readonly value: string | number }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'count'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly operator: Operator; readonly left: Expr; readonly right: Expr };

/** A template string with at least one expression: one expression alone, or text and expressions joined. */
type Interpolated = { readonly kind: 'expression'; readonly expr: Expr } | { readonly kind: 'concat'; readonly parts: readonly (string | Expr)[] };

type Compiled =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'string'; readonly string: Interpolated }
  | { readonly kind: 'array'; readonly items: readonly Compiled[] }
  | {
    readonly kind: 'object'; readonly entries: readonly (readonly [string, Compiled])[];
    readonly when: Compiled | undefined; readonly hasWhen: boolean; readonly data: Compiled | undefined; readonly hasData: boolean;
  };

export interface CompiledTemplate {
  readonly root: Compiled;
}

/** The fields the library reads as directives and never copies into the card. */
const RESERVED = new Set(['$data', '$when', '$root', '$index', '$host', '$_acTemplateVersion']);

class Unsupported extends Error {}

// ---------------------------------------------------------------------------------------------------------------
// Compiling
// ---------------------------------------------------------------------------------------------------------------


type Token = { readonly kind: 'number'; readonly value: number } | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'name'; readonly value: string } | { readonly kind: 'symbol'; readonly value: string };

function tokenize(source: string): Token[] {
  const TOKEN = /\s*(?:(\d+)|'([^'\\]*)'|([A-Za-z_$][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(==|!=|<=|>=|&&|\|\||[<>!(),]))/y;
  const tokens: Token[] = [];
  let at = 0;
  while (source.slice(at).trim() !== '') {
    TOKEN.lastIndex = at;
    const match = TOKEN.exec(source);
    if (!match) throw new Unsupported(source);
    at = TOKEN.lastIndex;
    if (match[1] !== undefined) tokens.push({ kind: 'number', value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: 'string', value: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'name', value: match[3] });
    else tokens.push({ kind: 'symbol', value: match[4] ?? '' });
  }
  return tokens;
}

class Parser {
  private at = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parse(): Expr {
    const expr = this.or();
    if (this.at !== this.tokens.length) throw new Unsupported('trailing tokens');
    return expr;
  }

  private peekSymbol(...symbols: string[]): string | undefined {
    const token = this.tokens[this.at];
    return token?.kind === 'symbol' && symbols.includes(token.value) ? token.value : undefined;
  }

  private binary(operators: readonly Operator[], next: () => Expr): Expr {
    let left = next();
    for (let operator = this.peekSymbol(...operators); operator !== undefined; operator = this.peekSymbol(...operators)) {
      this.at += 1;
      left = { kind: 'binary', operator: operator as Operator, left, right: next() };
    }
    return left;
  }

  private or(): Expr { return this.binary(['||'], () => this.and()); }
  private and(): Expr { return this.binary(['&&'], () => this.equality()); }
  private equality(): Expr { return this.binary(['==', '!='], () => this.comparison()); }
  private comparison(): Expr { return this.binary(['<', '>', '<=', '>='], () => this.unary()); }

  private unary(): Expr {
    if (this.peekSymbol('!')) {
      this.at += 1;
      return { kind: 'not', operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): Expr {
    const token = this.tokens[this.at];
    this.at += 1;
    if (token?.kind === 'number' || token?.kind === 'string') return { kind: 'literal', value: token.value };
    if (token?.kind !== 'name') throw new Unsupported('expected a value');
    if (token.value === 'count' && this.peekSymbol('(')) {
      this.at += 1;
      const operand = this.or();
      if (!this.peekSymbol(')')) throw new Unsupported('count');
      this.at += 1;
      return { kind: 'count', operand };
    }
    const [head = '', ...rest] = token.value.split('.');
    if (head === '$root' || head === '$data') return { kind: 'path', fromRoot: head === '$root', keys: rest };
    // Constants, functions and the other $ names have meanings of their own in the library.
    if (head.startsWith('$') || ['true', 'false', 'null', 'undefined'].includes(head) || this.peekSymbol('(')) throw new Unsupported(head);
    return { kind: 'path', fromRoot: false, keys: [head, ...rest] };
  }
}

function compileString(text: string): Compiled {
  if (!text.includes('${')) return { kind: 'value', value: text };
  // Escapes and backquotes mean something to the library's template-string parser.
  if (text.includes('\\') || text.includes('`')) throw new Unsupported(text);
  const parts: (string | Expr)[] = [];
  let at = 0;
  while (at < text.length) {
    const start = text.indexOf('${', at);
    if (start < 0) {
      parts.push(text.slice(at));
      break;
    }
    if (start > at) parts.push(text.slice(at, start));
    const end = text.indexOf('}', start);
    const source = end < 0 ? '' : text.slice(start + 2, end);
    if (end < 0 || source.includes('{') || source.trim() === '') throw new Unsupported(text);
    parts.push(new Parser(tokenize(source)).parse());
    at = end + 1;
  }
  const [only] = parts;
  if (parts.length === 1 && only !== undefined && typeof only !== 'string') {
    // A string that is one constant expression is a string in the library too; anything else keeps its value's type.
    return { kind: 'string', string: only.kind === 'literal' ? { kind: 'concat', parts } : { kind: 'expression', expr: only } };
  }
  return { kind: 'string', string: { kind: 'concat', parts } };
}

function compileNode(node: unknown): Compiled {
  if (typeof node === 'string') return compileString(node);
  if (Array.isArray(node)) return { kind: 'array', items: node.map(compileNode) };
  if (typeof node === 'object' && node !== null) {
    const record = node as Record<string, unknown>;
    const entries = Object.keys(record).filter((key) => !RESERVED.has(key)).map((key) => [key, compileNode(record[key])] as const);
    const hasWhen = Object.prototype.hasOwnProperty.call(record, '$when');
    const hasData = Object.prototype.hasOwnProperty.call(record, '$data');
    // A literal $data is used unexpanded by the library: not mirrored.
    if (hasData && (typeof record.$data !== 'string' || !record.$data.includes('${'))) throw new Unsupported('$data');
    return {
      kind: 'object', entries, hasWhen, hasData,
      when: hasWhen ? compileNode(record.$when) : undefined, data: hasData ? compileNode(record.$data) : undefined,
    };
  }
  return { kind: 'value', value: node };
}

/** The template compiled, or undefined when it uses more of the templating language than this module mirrors. */
export function compileTemplate(payload: unknown): CompiledTemplate | undefined {
  try {
    return { root: compileNode(payload) };
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Expanding
// ---------------------------------------------------------------------------------------------------------------

interface Scope {
  readonly root: unknown;
  /** The current $data; undefined: $root. */
  readonly data: unknown;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function valueAt(expr: Extract<Expr, { kind: 'path' }>, scope: Scope): unknown {
  let value: unknown = expr.fromRoot || scope.data === undefined ? scope.root : scope.data;
  for (const key of expr.keys) {
    // The library looks a missing key up again case-insensitively, then writes "${path}": not mirrored.
    if (!isPlainRecord(value) || !Object.prototype.hasOwnProperty.call(value, key)) throw new NotMirrored(key);
    value = value[key];
  }
  if (value === undefined || value === null) throw new NotMirrored('null');
  return value;
}

function booleanOf(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new NotMirrored('not a boolean');
  return value;
}

function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case 'path':
      return valueAt(expr, scope);
    case 'literal':
      return expr.value;
    case 'not':
      return !booleanOf(evaluate(expr.operand, scope));
    case 'count': {
      const value = evaluate(expr.operand, scope);
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      throw new NotMirrored('count');
    }
    case 'binary': {
      const left = evaluate(expr.left, scope);
      const right = evaluate(expr.right, scope);
      switch (expr.operator) {
        case '&&':
          return booleanOf(left) && booleanOf(right);
        case '||':
          return booleanOf(left) || booleanOf(right);
        case '==':
        case '!=': {
          if (typeof left !== typeof right || !['string', 'number', 'boolean'].includes(typeof left)) throw new NotMirrored('equality');
          if (typeof left === 'number' && !Number.isInteger(left)) throw new NotMirrored('equality');
          return (left === right) === (expr.operator === '==');
        }
        default: {
          if (typeof left !== 'number' || typeof right !== 'number') throw new NotMirrored('comparison');
          switch (expr.operator) {
            case '<': return left < right;
            case '>': return left > right;
            case '<=': return left <= right;
            default: return left >= right;
          }
        }
      }
    }
  }
}

function interpolate(string: Interpolated, scope: Scope): unknown {
  if (string.kind === 'expression') return evaluate(string.expr, scope);
  let text = '';
  for (const part of string.parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    const value = evaluate(part, scope);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') throw new NotMirrored('not text');
    text += String(value);
  }
  return text;
}

function expandObject(node: Extract<Compiled, { kind: 'object' }>, scope: Scope): unknown {
  let contexts: readonly unknown[] = [undefined];
  if (node.hasData) {
    const data = expandNode(node.data as Compiled, scope);
    contexts = Array.isArray(data) ? data : [data];
    // The library keeps the previous item as $data for an undefined one.
    if (contexts.includes(undefined)) throw new NotMirrored('undefined item');
  }
  const kept: Record<string, unknown>[] = [];
  for (const context of contexts) {
    const inner: Scope = context === undefined ? scope : { root: scope.root, data: context };
    if (node.hasWhen) {
      const when = node.when as Compiled;
      if (when.kind === 'string') {
        if (!booleanOf(interpolate(when.string, inner))) continue;
      } else if (when.kind !== 'value' || when.value) {
        // A $when that is no expression drops its element in the library (a falsy literal keeps it).
        continue;
      }
    }
    const expanded: Record<string, unknown> = {};
    for (const [key, value] of node.entries) {
      const result = expandNode(value, inner);
      if (result !== undefined) expanded[key] = result;
    }
    kept.push(expanded);
  }
  if (kept.length === 0) return null;
  return kept.length === 1 ? kept[0] : kept;
}

function expandNode(node: Compiled, scope: Scope): unknown {
  switch (node.kind) {
    case 'value':
      return node.value;
    case 'string':
      return interpolate(node.string, scope);
    case 'array': {
      const items: unknown[] = [];
      for (const item of node.items) {
        const expanded = expandNode(item, scope);
        if (expanded === null) continue;
        if (Array.isArray(expanded)) items.push(...(expanded as unknown[]));
        else items.push(expanded);
      }
      return items;
    }
    case 'object':
      return expandObject(node, scope);
  }
}

/** The template expanded with `root` as $root, as the library would; throws NotMirrored where it cannot say so. */
export function expandCompiled(template: CompiledTemplate, root: unknown): unknown {
  return expandNode(template.root, { root, data: undefined });
}

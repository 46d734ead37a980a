// Canonical text of an expression, for comparing expressions that differ only in spacing, case of
// keywords and function names, comments or field quoting (P19 cache-unfriendly duplicates, Q14).
// Field names, strings and set values keep their case: Qlik field names and values are case-sensitive.
import type { Element, ElementSet, Expr, ExpressionRoot, FieldRef, DollarRef, SetIdentifier, SetTerm, SetExpression } from './ast';
import { lookupFunction } from './functions';
import { isNamePart, isNameStart, matchParen } from './lexer';
import { parseExpression } from './parser';

export interface PrintOptions {
  /** print the leading '=' of string expressions (default false: `=Sum(x)` and `Sum(x)` print alike) */
  keepLeadingEquals?: boolean;
}

export function printExpression(root: ExpressionRoot, options: PrintOptions = {}): string {
  const body = root.body ? expr(root.body) : '';
  const extra = root.recovered ? root.recovered.map(expr).join(' ') : '';
  const text = extra ? `${body} ${extra}` : body;
  return options.keepLeadingEquals && root.leadingEquals ? `=${text}` : text;
}

/** Parses and prints: the canonical text of `text`. */
export function normaliseExpression(text: string, options: PrintOptions = {}): string {
  return printExpression(parseExpression(text).ast, options);
}

function expr(e: Expr): string {
  switch (e.kind) {
    case 'Number': return e.raw;
    case 'String': return quote(e.value, "'");
    case 'Field': return field(e);
    case 'Dollar': return e.raw;
    case 'Unary': return /^[A-Z]/.test(e.operator) ? `${e.operator} ${expr(e.operand)}` : `${e.operator}${expr(e.operand)}`;
    case 'Binary': return `${expr(e.left)} ${e.operator} ${expr(e.right)}`;
    case 'Paren': return `(${expr(e.expr)})`;
    case 'Scoped': return `${set(e.set)} ${expr(e.expr)}`;
    case 'Empty': return '';
    case 'Error': return '?';
    case 'Call': {
      const name = lookupFunction(e.name)?.name ?? e.name;
      const parts: string[] = [];
      if (e.set) parts.push(set(e.set));
      if (e.distinct) parts.push(e.distinct);
      if (e.all) parts.push('ALL');
      if (e.total) parts.push(e.total.fields.length ? `TOTAL <${e.total.fields.map(nameOrDollar).join(', ')}>` : 'TOTAL');
      const args = e.args.map(expr);
      for (const d of e.dimensions) {
        const f = expr(d.field);
        args.push(d.sort.length ? `(${f}, (${d.sort.join(', ')}))` : f);
      }
      const head = parts.length ? `${parts.join(' ')} ` : '';
      return `${name}(${head}${args.join(', ')})`;
    }
  }
}

function field(f: FieldRef): string {
  const name = f.dynamic ? f.name : bareOrBracket(f.name);
  return f.state !== undefined ? `${bareOrBracket(f.state)}::${name}` : name;
}

function nameOrDollar(f: FieldRef | DollarRef): string {
  return f.kind === 'Dollar' ? f.raw : field(f);
}

const WORDS = new Set(['AND', 'OR', 'XOR', 'NOT', 'LIKE', 'PRECEDES', 'FOLLOWS', 'BITAND', 'BITOR', 'BITXOR', 'BITNOT', 'TOTAL', 'DISTINCT', 'NODISTINCT', 'ALL']);

/** A name prints bare when it lexes back as the same bare name, otherwise in brackets. */
function bareOrBracket(name: string): string {
  let bare = name.length > 0 && isNameStart(name.charCodeAt(0)) && !WORDS.has(name.toUpperCase());
  for (let i = 1; bare && i < name.length; i++) bare = isNamePart(name.charCodeAt(i));
  return bare ? name : `[${name.replace(/]/g, ']]')}]`;
}

/** Quotes a string, doubling the quote character except inside a `$(…)`, which the engine expands as written. */
function quote(value: string, q: string): string {
  let out = '';
  let balanced = true;
  for (let i = 0; i < value.length; i++) {
    if (balanced && value.startsWith('$(', i)) {
      const close = matchParen(value, i + 1);
      if (close >= 0) {
        out += value.slice(i, close + 1);
        i = close;
        continue;
      }
      balanced = false; // no later '$(' closes either, in practice; do not scan to the end again for each
    }
    out += value[i] === q ? q + q : value[i];
  }
  return q + out + q;
}

/** An unquoted element value prints as written when it lexes back as one word or number, otherwise in brackets. */
function bareElement(value: string): string {
  return /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value) || value === '*' ? value : bareOrBracket(value);
}

function set(s: SetExpression): string {
  return s.implicit ? setTerm(s.body) : `{${setTerm(s.body)}}`;
}

function setTerm(t: SetTerm): string {
  switch (t.kind) {
    case 'SetOperation': return t.unary ? `-${setTerm(t.right)}` : `${setTerm(t.left)} ${t.operator} ${setTerm(t.right)}`;
    case 'SetGroup': return `(${setTerm(t.body)})`;
    case 'Dollar': return t.raw;
    case 'Error': return '?';
    case 'SetEntity': {
      const id = t.identifier ? (t.identifier.kind === 'Dollar' ? t.identifier.raw : identifierText(t.identifier)) : '';
      if (!t.modifier) return id;
      const items = t.modifier.items.map((item) =>
        item.kind === 'Dollar' ? item.raw : `${nameOrDollar(item.field)}${item.operator}${item.value ? elementSet(item.value) : ''}`,
      );
      return `${id}<${items.join(', ')}>`;
    }
  }
}

function identifierText(id: SetIdentifier): string {
  const name = id.bracketed ? `[${id.name.replace(/]/g, ']]')}]` : id.name;
  return id.state === undefined ? name : `${bracketIfNeeded(id.state)}::${name}`;
}

function bracketIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `[${name.replace(/]/g, ']]')}]`;
}

function elementSet(v: ElementSet): string {
  switch (v.kind) {
    case 'ElementList': return `{${v.elements.map(element).join(', ')}}`;
    case 'ElementOperation': return `${elementSet(v.left)} ${v.operator} ${elementSet(v.right)}`;
    case 'ElementGroup': return `(${elementSet(v.body)})`;
    case 'ElementFunction': return `${v.name}(${[v.set ? set(v.set) : '', v.field ? nameOrDollar(v.field) : ''].filter(Boolean).join(' ')})`;
    case 'Field': return field(v);
    case 'Dollar': return v.raw;
    case 'Error': return '?';
  }
}

function element(e: Element): string {
  switch (e.kind) {
    case 'ElementValue': return e.quoting === 'single' ? quote(e.value, "'") : bareElement(e.value);
    case 'Search': return quote(e.value, '"');
    case 'Dollar': return e.raw;
    case 'Error': return '?';
  }
}

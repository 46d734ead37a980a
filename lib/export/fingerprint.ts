// The stable fingerprint of a finding: what "the same finding" means across two analyses of an
// app (compare, history, SARIF `partialFingerprints`, imports). It must survive what does not
// change the finding itself: the message's wording and numbers, the order findings or chart
// measures come in, whitespace, comments and function-name case in expressions, and app re-saves
// (object ids, field and variable names are stable across them).
//
//   fingerprint = "v1:" + hash( rule code
//                             ␀ target kind ":" target id
//                             ␀ property path, array indices dropped when an expression is present
//                             ␀ normalised expression text (empty when the finding has none) )
//
// Normalised expression text: the expression's tokens (lib/expression lexer) joined by one space,
// comments and a leading '=' dropped; names written bare, [bracketed], "quoted" or `quoted` print
// alike as [name] (Qlik reads them as the same name); a word followed by '(' (a function) and the
// operator words (and, or, not, xor, like, precedes, follows, total, distinct, all …) lower-cased, as
// Qlik reads them case-insensitively; field names keep their case (Qlik field names are case-sensitive).
// Not part of it: the message, severity (a reconfigured severity is the same finding), the content
// hash (a suppression's concern), the target's display name and sheet (an object moved to another
// sheet is the same object).
//
// When one analysis has two findings with the same fingerprint (e.g. the same broken expression in
// measure 0 and measure 1 of a chart), `fingerprintAll` appends "#2", "#3" … in the order of their
// original paths, so every fingerprint is unique within an analysis.
import type { Finding } from '../analyze/result';
import { stableHash } from '../analyze/hash';
import { compareText } from '../analyze/finding-order';
import { lex, T, type Token } from '../expression/lexer';

export const FINGERPRINT_VERSION = 'v1';

const OPERATOR_WORDS = new Set([
  'and', 'or', 'not', 'xor', 'like', 'precedes', 'follows', 'bitand', 'bitor', 'bitxor', 'bitnot',
  'total', 'distinct', 'nodistinct', 'all',
]);

const NAME_KINDS = new Set<number>([T.Ident, T.Bracketed, T.DoubleQuoted, T.Backticked]);

/** The expression text as the fingerprint sees it (see the header). Pure, total: never throws. */
export function normaliseExpressionText(text: string): string {
  const tokens = lex(text, 0, text.length, { reportDollar: false }).tokens.filter((t) => t.kind !== T.EOF);
  const start = tokens[0]?.kind === T.Eq ? 1 : 0;
  const out: string[] = [];
  for (let i = start; i < tokens.length; i++) out.push(printToken(tokens[i], tokens[i + 1]));
  return out.join(' ');
}

function printToken(token: Token, next: Token | undefined): string {
  switch (token.kind) {
    case T.String:
      return `'${token.value.replace(/'/g, "''")}'`;
    case T.Ident: {
      const lower = token.value.toLowerCase();
      if (next?.kind === T.LParen || OPERATOR_WORDS.has(lower)) return lower;
      return bracket(token.value);
    }
    default:
      return NAME_KINDS.has(token.kind) ? bracket(token.value) : token.value;
  }
}

const bracket = (name: string) => `[${name.replace(/\]/g, ']]')}]`;

/** A property path without its array indices: `qMeasures[1]` and `qMeasures/1` read as `qMeasures[]`. */
export function pathWithoutIndices(path: string): string {
  return path.replace(/\[\d+\]/g, '[]').replace(/\/\d+(?=\/|$)/g, '/[]').replace(/\.\d+(?=\.|$)/g, '.[]');
}

type Fingerprintable = Pick<Finding, 'rule' | 'target' | 'path' | 'expression'>;

/** The fingerprint of one finding, without the "#n" that `fingerprintAll` adds to duplicates. */
export function fingerprintOf(finding: Fingerprintable): string {
  const expression = finding.expression ? normaliseExpressionText(finding.expression.text) : '';
  const path = finding.path === undefined ? '' : expression ? pathWithoutIndices(finding.path) : finding.path;
  const key = [finding.rule, `${finding.target.kind}:${finding.target.id}`, path, expression].join('\u0000');
  return `${FINGERPRINT_VERSION}:${stableHash(key)}`;
}

/**
 * Fingerprints of every finding, unique within the list (duplicates get "#2", "#3" … in the order of
 * their original path, then their position): a Map from the finding object to its fingerprint.
 */
export function fingerprintAll<F extends Fingerprintable>(findings: readonly F[]): Map<F, string> {
  const groups = new Map<string, { finding: F; index: number }[]>();
  findings.forEach((finding, index) => {
    const base = fingerprintOf(finding);
    const group = groups.get(base);
    if (group) group.push({ finding, index });
    else groups.set(base, [{ finding, index }]);
  });
  const out = new Map<F, string>();
  for (const [base, group] of groups) {
    if (group.length === 1) {
      out.set(group[0].finding, base);
      continue;
    }
    group
      .sort((a, b) => compareText(a.finding.path ?? '', b.finding.path ?? '') || a.index - b.index)
      .forEach(({ finding }, n) => out.set(finding, n === 0 ? base : `${base}#${n + 1}`));
  }
  return out;
}


// Findings grouped by rule and cause: the same unknown field in 52 expressions is one row with 52
// places, not 52 rows. Grouping is only a view: each occurrence stays the unit for hiding,
// "Show in app" and the JSON output. Documentation and style rules roll up to one row per rule.
import { describeEngineError } from '../analyze/engine-errors';
import { type Category, type Finding } from '../analyze/result';
import { compareText } from '../analyze/finding-order';
import { bySeverity } from '../analyze/severity-order';
import { targetKey } from '../analyze/suppression';
import { type Severity } from '../analyze/severity';
import { BYTE_UNITS } from '../format/bytes';

/** Finding data keys that name the one thing a finding is about, with the word for it. */
const CAUSE_KEYS: readonly (readonly [key: string, word: string])[] = [
  ['field', 'Field'],
  ['label', 'Label'],
  ['reference', 'Reference'],
  ['libraryId', 'Master item'],
  ['identifier', 'Set identifier'],
  ['state', 'Alternate state'],
  ['visualization', 'Visualization'],
  ['theme', 'Theme'],
  ['pattern', 'Pattern'],
  /** an engine error code (qErrorCode) */
  ['code', 'Engine error'],
];
/** Data keys holding the engine's (or our parser's) message: the same message is the same cause. */
const MESSAGE_KEYS = ['engineMessage', 'parserMessage'];

export interface Cause {
  /** stable within one rule */
  key: string;
  /** what the findings share, in words; empty when the whole rule is one row or no one thing names the cause */
  label: string;
}

/** Collapses whitespace and drops a leading "=": `= Sum( Sales )` and `=Sum( Sales)` read alike. */
export function normaliseExpression(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/^=\s*/, '');
}

/** A number with the unit the messages give it (lib/format: durations, byte sizes, percentages), blanked as one. */
const MEASURE = new RegExp(`\\d[\\d.,]*(?:\\s?(?:${['ms', 's', 'min', 'h', ...BYTE_UNITS, '%'].join('|')})(?!\\w))?`, 'g');

/** A message with its quoted names and numbers blanked: 'Master measure "…" has no description.' */
export function messagePattern(message: string): string {
  return message
    .replace(/"[^"]*"|“[^”]*”|'[^']*'/g, '"…"')
    .replace(MEASURE, '#')
    .trim();
}

/** What makes findings of one rule "the same problem". `rollUp`: the whole rule is one row. */
export function causeOf(finding: Finding, rollUp = false): Cause {
  if (rollUp) return { key: '*', label: '' };
  const data = finding.data ?? {};
  for (const [key, word] of CAUSE_KEYS) {
    const value = data[key];
    if (typeof value === 'string' && value) return { key: `${key}:${value}`, label: `${word} "${value}"` };
    if (typeof value === 'number') return { key: `${key}:${value}`, label: key === 'code' ? describeEngineError(value) : `${word} ${value}` };
  }
  for (const key of MESSAGE_KEYS) {
    const value = data[key];
    if (typeof value === 'string' && value) return { key: `message:${value}`, label: value };
  }
  if (finding.expression) {
    const text = normaliseExpression(finding.expression.text);
    return { key: `expression:${text}`, label: text };
  }
  // a pattern with its names blanked reads badly: such a group is labelled by its rule
  return { key: `pattern:${messagePattern(finding.message)}`, label: '' };
}

export interface FindingGroup {
  /** rule + cause */
  key: string;
  rule: string;
  name: string;
  /** the worst severity among its findings */
  severity: Severity;
  category: Category;
  cause: Cause;
  /** every occurrence, in the order given */
  findings: Finding[];
}

export interface GroupOptions {
  /** rules whose findings form one row per rule (documentation and style rules) */
  rollUp?(rule: string): boolean;
  /** the rule's one-line summary, for a group whose cause has no words of its own */
  ruleSummary?(rule: string): string | undefined;
}

/** Groups by rule and cause; groups come out errors first, then by size, then by rule and cause. */
export function groupFindings(findings: readonly Finding[], options: GroupOptions = {}): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of findings) {
    const cause = causeOf(finding, options.rollUp?.(finding.rule) ?? false);
    const key = `${finding.rule}\u0000${cause.key}`;
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { key, rule: finding.rule, name: finding.name, severity: finding.severity, category: finding.category, cause, findings: [finding] });
      continue;
    }
    group.findings.push(finding);
    if (bySeverity(finding.severity, group.severity) < 0) group.severity = finding.severity;
  }
  return [...groups.values()].sort(
    (a, b) =>
      bySeverity(a.severity, b.severity) ||
      b.findings.length - a.findings.length ||
      compareText(a.rule, b.rule) ||
      compareText(a.cause.label, b.cause.label),
  );
}

/** The distinct things (objects, items, fields…) a group's findings are about. */
export function distinctTargets(findings: readonly Finding[]): number {
  return new Set(findings.map((f) => targetKey(f.target))).size;
}

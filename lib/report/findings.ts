// Filtering, grouping and flattening findings for the virtual list. Pure and allocation-light:
// it runs on every keystroke of the search box over up to tens of thousands of findings.
import { compareText, sortFindings } from '../analyze/finding-order';
import type { Category, Finding, Target } from '../analyze/result';
import type { Severity } from '../analyze/severity';
import { targetKey } from '../analyze/suppression';
import { targetDisplayName } from './names';

export interface FindingFilter {
  /** empty = every severity */
  severities: readonly Severity[];
  /** empty = every category */
  categories: readonly Category[];
  /** rule code, or '' for every rule */
  rule: string;
  /** sheet id, or '' for every sheet */
  sheet: string;
  /** words that must all occur (case-insensitive) in the message, rule, target, sheet or expression */
  text: string;
}

export const EMPTY_FILTER: FindingFilter = { severities: [], categories: [], rule: '', sheet: '', text: '' };

export type Grouping = 'none' | 'rule' | 'object';

const haystacks = new WeakMap<Finding, string>();

function haystack(finding: Finding): string {
  let text = haystacks.get(finding);
  if (text === undefined) {
    const t = finding.target;
    text = [finding.message, finding.rule, finding.name, t.kind, t.id, t.name, t.sheet?.name, finding.expression?.text, finding.path]
      .filter((part) => part !== undefined)
      .join('\u0000')
      .toLocaleLowerCase();
    haystacks.set(finding, text);
  }
  return text;
}

export function isFilterEmpty(filter: FindingFilter): boolean {
  return filter.severities.length === 0 && filter.categories.length === 0 && !filter.rule && !filter.sheet && !filter.text.trim();
}

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  const severities = filter.severities.length ? new Set(filter.severities) : undefined;
  const categories = filter.categories.length ? new Set(filter.categories) : undefined;
  const words = filter.text.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return findings.filter(
    (f) =>
      (!severities || severities.has(f.severity)) &&
      (!categories || categories.has(f.category)) &&
      (!filter.rule || f.rule === filter.rule) &&
      (!filter.sheet || sheetIdOf(f.target) === filter.sheet) &&
      (words.length === 0 || words.every((w) => haystack(f).includes(w))),
  );
}

export function sheetIdOf(target: Target): string | undefined {
  return target.sheet?.id ?? (target.kind === 'sheet' ? target.id : undefined);
}

export const targetName = (target: Target): string => target.name || target.id;

export type FindingRow =
  | { type: 'group'; key: string; label: string; count: number; severity: Severity }
  | { type: 'finding'; key: string; finding: Finding };

/** One flat list of rows (group headers followed by their findings) for the virtual list. */
export function findingRows(findings: readonly Finding[], grouping: Grouping, ruleLabel: (code: string) => string = (c) => c): FindingRow[] {
  const sorted = sortFindings(findings);
  if (grouping === 'none') return sorted.map((finding) => ({ type: 'finding', key: finding.id, finding }));
  const groups = new Map<string, { label: string; findings: Finding[] }>();
  for (const finding of sorted) {
    const key = grouping === 'rule' ? finding.rule : targetKey(finding.target);
    const label = grouping === 'rule' ? ruleLabel(finding.rule) : `${finding.target.kind} ${targetDisplayName(finding.target)}`;
    const group = groups.get(key);
    if (group) group.findings.push(finding);
    else groups.set(key, { label, findings: [finding] });
  }
  const rows: FindingRow[] = [];
  for (const [key, group] of groups) {
    // the group's worst severity: its first finding, since findings are sorted errors first
    rows.push({ type: 'group', key: `group:${key}`, label: group.label, count: group.findings.length, severity: group.findings[0].severity });
    for (const finding of group.findings) rows.push({ type: 'finding', key: finding.id, finding });
  }
  return rows;
}

export interface FilterOption {
  value: string;
  label: string;
  count: number;
}

/** The rules and sheets that occur in the findings, with counts, for the filter menus. */
export function findingFacets(findings: readonly Finding[]): { rules: FilterOption[]; sheets: FilterOption[] } {
  const rules = new Map<string, FilterOption>();
  const sheets = new Map<string, FilterOption>();
  for (const f of findings) {
    const rule = rules.get(f.rule);
    if (rule) rule.count++;
    else rules.set(f.rule, { value: f.rule, label: `${f.rule} ${f.name}`, count: 1 });
    const sheetId = sheetIdOf(f.target);
    if (sheetId === undefined) continue;
    const sheet = sheets.get(sheetId);
    if (sheet) sheet.count++;
    else sheets.set(sheetId, { value: sheetId, label: f.target.sheet?.name || (f.target.kind === 'sheet' ? f.target.name : undefined) || sheetId, count: 1 });
  }
  const byValue = (a: FilterOption, b: FilterOption) => compareText(a.value, b.value);
  return { rules: [...rules.values()].sort(byValue), sheets: [...sheets.values()].sort((a, b) => compareText(a.label, b.label)) };
}

/** Splits an expression into the text before, at and after the finding's range (clamped to the text). */
export function highlightParts(text: string, from: number, to: number): { before: string; match: string; after: string } {
  const start = Math.min(Math.max(0, from), text.length);
  const end = Math.min(Math.max(start, to), text.length);
  return { before: text.slice(0, start), match: text.slice(start, end), after: text.slice(end) };
}

export function countBy<K extends string>(findings: readonly Finding[], key: (f: Finding) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const f of findings) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
  return counts;
}

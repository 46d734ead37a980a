// The rows of the Findings view when grouped (the default), as Lighthouse lays out a report:
// Fix first (what a fix gains, lib/report/fix-first.ts), the other findings grouped by rule and
// cause, then suggestions and passed rules, both collapsed until opened. A group expands to its
// places; a cause that occurs once is a plain finding row. Pure: the view keeps what is expanded.
import type { AnalysisResult, Finding } from '../analyze/result';
import type { Severity } from '../analyze/severity';
import { fixFirstIds, type FixFirstItem } from './fix-first';
import type { Gain } from './report-schema';
import type { ReadyStatement } from './ready-statement';
import { groupFindings } from './groups';

export type SectionId = 'fix-first' | 'findings' | 'suggestions' | 'passed';

export const SECTION_TITLE: Record<SectionId, string> = {
  'fix-first': 'Fix first',
  findings: 'Other findings',
  suggestions: 'Suggestions',
  passed: 'Passed rules',
};

/** Suggestions and passed rules start collapsed, as Lighthouse collapses passed audits. */
export const INITIALLY_COLLAPSED: ReadonlySet<SectionId> = new Set<SectionId>(['suggestions', 'passed']);

export interface PassedRule {
  rule: string;
  name: string;
}

/** Rules that ran and found nothing (hidden findings count as found). */
export function passedRules(result: Pick<AnalysisResult, 'rules'>): PassedRule[] {
  return result.rules.filter((r) => r.status === 'ran' && r.findings === 0 && r.suppressed === 0 && r.category !== 'context').map((r) => ({ rule: r.rule, name: r.name }));
}

export type SectionRow =
  | { type: 'section'; key: string; section: SectionId; count: number; collapsed: boolean }
  | {
      type: 'group';
      key: string;
      section: SectionId;
      rule: string;
      name: string;
      severity: Severity;
      /** the cause or what to fix, in words */
      label: string;
      expanded: boolean;
      findings: Finding[];
      gain?: Gain;
      statement?: ReadyStatement;
    }
  | { type: 'finding'; key: string; finding: Finding; nested: boolean }
  | { type: 'passed'; key: string; rule: string; name: string };

export interface SectionInput {
  /** the findings shown (after the filters) */
  findings: readonly Finding[];
  /** Fix first over all shown findings; rows keep only the occurrences that pass the filters */
  fixFirst: readonly FixFirstItem[];
  passed: readonly PassedRule[];
  expanded: ReadonlySet<string>;
  collapsed: ReadonlySet<SectionId>;
  rollUp?(rule: string): boolean;
  /** words for a group whose cause has none (a rolled-up rule, a pattern): the rule's summary */
  ruleSummary?(rule: string): string | undefined;
}

function groupRows(rows: SectionRow[], group: Extract<SectionRow, { type: 'group' }>): void {
  rows.push(group);
  if (group.expanded) for (const finding of group.findings) rows.push({ type: 'finding', key: `${group.key}/${finding.id}`, finding, nested: true });
}

export function sectionRows(input: SectionInput): SectionRow[] {
  const shown = new Set(input.findings.map((f) => f.id));
  const inFixFirst = fixFirstIds(input.fixFirst);
  const fix: Extract<SectionRow, { type: 'group' }>[] = [];
  for (const item of input.fixFirst) {
    const findings = item.findings.filter((f) => shown.has(f.id));
    if (findings.length === 0) continue;
    const key = `fix:${item.key}`;
    fix.push({
      type: 'group',
      key,
      section: 'fix-first',
      rule: item.rule,
      name: item.name,
      severity: findings[0].severity,
      label: item.title,
      expanded: input.expanded.has(key),
      findings,
      gain: item.gain,
      ...(item.statement ? { statement: item.statement } : {}),
    });
  }
  const rest = input.findings.filter((f) => !inFixFirst.has(f.id));
  const others = rest.filter((f) => f.severity !== 'info');
  const suggestions = rest.filter((f) => f.severity === 'info');

  const rows: SectionRow[] = [];
  const section = (id: SectionId, count: number, body: () => void) => {
    if (count === 0) return;
    const collapsed = input.collapsed.has(id);
    rows.push({ type: 'section', key: `section:${id}`, section: id, count, collapsed });
    if (!collapsed) body();
  };
  const grouped = (id: SectionId, findings: readonly Finding[]) => () => {
    for (const group of groupFindings(findings, { rollUp: input.rollUp })) {
      const key = `${id}:${group.key}`;
      if (group.findings.length === 1) {
        rows.push({ type: 'finding', key, finding: group.findings[0], nested: false });
        continue;
      }
      groupRows(rows, {
        type: 'group',
        key,
        section: id,
        rule: group.rule,
        name: group.name,
        severity: group.severity,
        label: group.cause.label || input.ruleSummary?.(group.rule) || group.name,
        expanded: input.expanded.has(key),
        findings: group.findings,
      });
    }
  };
  section('fix-first', fix.reduce((n, g) => n + g.findings.length, 0), () => fix.forEach((g) => groupRows(rows, g)));
  section('findings', others.length, grouped('findings', others));
  section('suggestions', suggestions.length, grouped('suggestions', suggestions));
  section('passed', input.passed.length, () => {
    for (const p of input.passed) rows.push({ type: 'passed', key: `passed:${p.rule}`, rule: p.rule, name: p.name });
  });
  return rows;
}

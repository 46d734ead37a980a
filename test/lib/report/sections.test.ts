import { describe, expect, it } from 'vitest';
import { fixFirst } from '../../../lib/report/fix-first';
import { INITIALLY_COLLAPSED, sectionRows, type SectionInput } from '../../../lib/report/sections';
import { finding } from './fixtures';
import type { AnalysisResult, Finding } from '../../../lib/analyze/result';
import { analysedSalesApp } from './fixtures';

const q02 = (field: string, id: string) => finding({ rule: 'Q02', data: { field }, target: { kind: 'object', id, name: id } });
const slow = (id: string) => finding({ rule: 'P06', name: 'calculated-dimension', severity: 'warning', category: 'performance', expression: { text: '=Aggr(x, y)', from: 0, to: 1 }, target: { kind: 'object', id } });
const colour = (i: number) => finding({ rule: 'D09', name: 'hard-coded-colour', severity: 'info', category: 'design', expression: { text: `RGB(${i},0,0)`, from: 0, to: 3 } });

function input(findings: Finding[], change: Partial<SectionInput> = {}): SectionInput {
  const { result } = analysedSalesApp();
  const all: AnalysisResult = { ...result, findings, rules: [] };
  return { findings, fixFirst: fixFirst(all), passed: [{ rule: 'Q03', name: 'unknown-set-identifier' }], expanded: new Set(), collapsed: INITIALLY_COLLAPSED, rollUp: (r) => r === 'D09', ...change };
}

describe('sectionRows', () => {
  it('lays out Fix first, the other findings grouped, then suggestions and passed rules collapsed', () => {
    const findings = [q02('Gone', 'a'), q02('Gone', 'b'), slow('c'), slow('d'), slow('e'), finding({ rule: 'P09', severity: 'warning', category: 'performance', message: 'only once' }), ...Array.from({ length: 400 }, (_, i) => colour(i))];
    const rows = sectionRows(input(findings));
    expect(rows.map((r) => (r.type === 'section' ? `[${r.section} ${r.count}${r.collapsed ? ' collapsed' : ''}]` : r.type === 'group' ? `${r.rule} ×${r.findings.length}` : r.type))).toEqual([
      '[fix-first 2]',
      'Q02 ×2',
      '[findings 4]',
      'P06 ×3',
      'finding',
      '[suggestions 400 collapsed]',
      '[passed 1 collapsed]',
    ]);
  });

  it('expands a group into its places and an opened section into its rows; a style rule is one row', () => {
    const findings = [q02('Gone', 'a'), q02('Gone', 'b'), ...Array.from({ length: 400 }, (_, i) => colour(i))];
    const closed = sectionRows(input(findings));
    const groupKey = closed.find((r) => r.type === 'group')!.key;
    const rows = sectionRows(input(findings, { expanded: new Set([groupKey]), collapsed: new Set() }));
    expect(rows.filter((r) => r.type === 'finding' && r.nested).map((r) => (r.type === 'finding' ? r.finding.target.id : ''))).toEqual(['a', 'b']);
    const style = rows.filter((r) => r.type === 'group' && r.section === 'suggestions');
    expect(style).toHaveLength(1);
    expect(rows.some((r) => r.type === 'passed' && r.rule === 'Q03')).toBe(true);
  });

  it('keeps only the filtered occurrences, and lists no finding in two sections', () => {
    const findings = [q02('Gone', 'a'), q02('Gone', 'b'), slow('c')];
    const base = input(findings);
    const rows = sectionRows({ ...base, findings: [findings[0], findings[2]], expanded: new Set(['fix:broken:Q02\u0000field:Gone']) });
    const listed = rows.flatMap((r) => (r.type === 'finding' ? [r.finding.id] : []));
    expect(listed).toEqual([findings[0].id, findings[2].id]);
    expect(new Set(listed).size).toBe(listed.length);
  });
});

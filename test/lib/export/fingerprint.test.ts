import { describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/analyze/runner';
import { fingerprintAll, fingerprintOf, normaliseExpressionText, pathWithoutIndices } from '../../../lib/export/fingerprint';
import { app } from '../../fixtures/builders';
import { finding } from '../report/fixtures';

const expr = (text: string) => ({ text, from: 0, to: text.length });

describe('finding fingerprint', () => {
  it('ignores the message, severity, content hash, id and the target display name', () => {
    const a = finding({ message: 'Field "X" is unknown (3 uses)', expression: expr('Sum(X)'), path: 'qHyperCubeDef.qMeasures[0].qDef.qDef' });
    const b = { ...a, id: 'other', message: 'Unknown field X', severity: 'warning' as const, contentHash: 'zzz', target: { ...a.target, name: 'Renamed chart', sheet: { id: 'moved-sheet' } } };
    expect(fingerprintOf(b)).toBe(fingerprintOf(a));
    expect(fingerprintOf(a)).toMatch(/^v1:[0-9a-f]{14}$/);
  });

  it('reads expressions as Qlik does: spacing, comments, a leading =, function case and name quoting do not matter; field case does', () => {
    expect(normaliseExpressionText('=Sum( [Sales] ) // total')).toBe(normaliseExpressionText('sum(Sales)'));
    expect(normaliseExpressionText('Sum({<Year={2024}>} "Sales")  /* c */')).toBe(normaliseExpressionText('SUM({<Year={2024}>}Sales)'));
    expect(normaliseExpressionText('Sum(Sales)')).not.toBe(normaliseExpressionText('Sum(sales)'));
    expect(normaliseExpressionText("Only('a b')")).not.toBe(normaliseExpressionText("Only('ab')"));
    expect(normaliseExpressionText("Sum(If(A = 1 AND B, C))")).toBe(normaliseExpressionText('Sum(If(A=1 and B,C))'));
  });

  it('survives a measure moving to another index when the finding has an expression', () => {
    const at = (path: string) => finding({ target: { kind: 'object', id: 'chart-1' }, path, expression: expr('Sum(Nope)') });
    expect(fingerprintOf(at('qHyperCubeDef.qMeasures[0].qDef.qDef'))).toBe(fingerprintOf(at('qHyperCubeDef.qMeasures[2].qDef.qDef')));
    expect(pathWithoutIndices('/qHyperCubeDef/qMeasures/3/qDef')).toBe('/qHyperCubeDef/qMeasures/[]/qDef');
    // without an expression the index is what tells two findings apart
    const bare = (path: string) => finding({ target: { kind: 'object', id: 'chart-1' }, path });
    expect(fingerprintOf(bare('qMeasures[0]'))).not.toBe(fingerprintOf(bare('qMeasures[1]')));
  });

  it('tells apart other rules, targets and expressions', () => {
    const base = finding({ rule: 'Q02', target: { kind: 'object', id: 'o1' }, expression: expr('Sum(A)') });
    expect(fingerprintOf({ ...base, rule: 'Q01' })).not.toBe(fingerprintOf(base));
    expect(fingerprintOf({ ...base, target: { kind: 'object', id: 'o2' } })).not.toBe(fingerprintOf(base));
    expect(fingerprintOf({ ...base, target: { kind: 'variable', id: 'o1' } })).not.toBe(fingerprintOf(base));
    expect(fingerprintOf({ ...base, expression: expr('Sum(B)') })).not.toBe(fingerprintOf(base));
  });

  it('keeps fingerprints unique within an analysis, numbering duplicates by path whatever their order', () => {
    const one = finding({ target: { kind: 'object', id: 'c' }, path: 'qMeasures[0].qDef', expression: expr('Sum(Nope)') });
    const two = finding({ target: { kind: 'object', id: 'c' }, path: 'qMeasures[1].qDef', expression: expr('Sum( Nope )') });
    const forward = fingerprintAll([one, two]);
    const backward = fingerprintAll([two, one]);
    expect(new Set(forward.values()).size).toBe(2);
    expect(forward.get(two)).toBe(`${forward.get(one)}#2`);
    expect(backward.get(one)).toBe(forward.get(one));
    expect(backward.get(two)).toBe(forward.get(two));
  });

  it('matches every finding of an app analysed again after a re-save that only changed titles and numbers', () => {
    const build = (title: string, rows: number) =>
      app({ name: 'Sales' })
        .sheet({ id: 's1', title })
        .kpi({ id: 'k1', title: `${title} KPI`, measure: 'Sum([No Such Field])' })
        .barchart({ id: 'b1', measure: 'Sum(Sales)', dimension: 'Region' })
        .app.table('Orders', { rows, fields: ['Region', 'Sales', 'Unused'] })
        .build();
    const first = analyse(build('Overview', 100));
    const second = analyse(build('Übersicht', 250_000));
    const prints = (r: typeof first) => [...fingerprintAll(r.findings).values()].sort();
    expect(first.findings.length).toBeGreaterThan(2);
    expect(prints(second)).toEqual(prints(first));
  });
});

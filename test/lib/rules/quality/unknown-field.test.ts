import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/unknown-field';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const model = () => app().table('Sales', { fields: ['Region', 'Sales', 'Year'] });

describe('Q02 unknown-field', () => {
  it('passes when every field exists, master labels and chart labels included', () => {
    const snapshot = model()
      .measure({ label: 'Total Sales', def: 'Sum(Sales)' })
      .variable('vYear', '2024')
      .sheet()
      .barchart({ dimension: 'Region', measures: [{ def: 'Sum({<Year={$(vYear)}>} Sales)', label: 'Sales' }, '[Total Sales] / Count(Region)', '[Sales] * 2'] })
      .build();
    const { findings, run } = runRule(rule, snapshot);
    expect(run.status).toBe('ran');
    expect(findings).toEqual([]);
  });

  it('finds an unknown field inside a set modifier, with its range', () => {
    const snapshot = model().sheet({ title: 'Overview' }).barchart({ id: 'c1', title: 'Sales by region', measure: 'Sum({<Regoin={"West"}>} Sales)' }).build();
    const { findings } = runRule(rule, snapshot);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.rule).toBe('Q02');
    expect(f.target).toMatchObject({ kind: 'object', id: 'c1', name: 'Sales by region', sheet: { name: 'Overview' } });
    expect(f.expression?.text.slice(f.expression.from, f.expression.to)).toBe('Regoin');
    expect(f.message).toContain('"Regoin"');
    expect(f.message).toContain('set modifier');
    expect(f.path).toBe('/qHyperCubeDef/qMeasures/0/qDef/qDef');
  });

  it('suggests the field that differs only by case', () => {
    const snapshot = model().sheet().kpi({ measure: 'Sum(sales)' }).build();
    expect(runRule(rule, snapshot).messages[0]).toContain('Did you mean "Sales"?');
  });

  it('finds an unknown field in a dimension and one coming from a variable', () => {
    const snapshot = model().variable('vMeasure', 'Sum(Amount)').sheet().table({ dimension: 'Country', measure: '$(vMeasure)' }).build();
    const names = runRule(rule, snapshot).findings.map((f) => f.data?.field);
    expect(names.sort()).toEqual(['Amount', 'Country']);
  });

  it('does not flag a master measure label inside a set modifier as a field, but flags it there', () => {
    const snapshot = model().measure({ label: 'Margin', def: 'Sum(Sales)' }).sheet().kpi({ measure: 'Sum({<Margin={1}>} Sales)' }).build();
    expect(runRule(rule, snapshot).findings).toHaveLength(1);
  });

  it('could not run without a data model (Direct Query)', () => {
    const snapshot = app({ directQuery: true }).sheet().kpi({ measure: 'Sum(X)' }).build();
    const { run, findings } = runRule(rule, snapshot);
    expect(run.status).toBe('could-not-run');
    expect(run.reason).toContain('Direct Query');
    expect(findings).toEqual([]);
  });

  it('accepts the histogram maximum Sense writes for a listbox on a calculated dimension (nebula.js listbox frequencyMax), not other unknown names there', () => {
    const listbox = (id: string, fieldDef: string, expr: string) => ({
      id,
      properties: { qListObjectDef: { qDef: { qFieldDefs: [fieldDef] }, qFrequencyMode: 'V' }, histogram: true, frequencyMax: { qValueExpression: { qExpr: expr } } },
    });
    const snapshot = model()
      .sheet()
      .object('listbox', listbox('lb1', '=Year(Today())-Year', 'Max(AGGR(Count([=Year(Today())-Year]), [=Year(Today())-Year]))'))
      .object('listbox', listbox('lb2', 'Region', 'Max(AGGR(Count([Regoin]), [Regoin]))'))
      // sn-filter-pane writes the ValueExpression as a plain string
      .object('listbox', { id: 'lb3', properties: { qListObjectDef: { qDef: { qFieldDefs: ['=Upper(Region)'] } }, histogram: true, frequencyMax: { qValueExpression: 'Max(AGGR(Count([=Upper(Region)]), [=Upper(Region)]))' } } })
      .build();
    const { findings } = runRule(rule, snapshot);
    expect(findings.map((f) => [f.target.id, f.data?.field])).toEqual([['lb2', 'Regoin']]);
  });

  it('does not check names in what Sense keeps but does not evaluate (qLayoutExclude, an inactive colour mode)', () => {
    const snapshot = model()
      .sheet()
      .barchart({
        measure: 'Sum(Sales)',
        properties: {
          qLayoutExclude: { disabled: { measureAxis: { max: { qValueExpression: { qExpr: 'Max(OldField)' } } } } },
          color: { auto: true, mode: 'byMeasure', byMeasureDef: { key: 'Sum(RemovedField)', type: 'expression' } },
        },
      })
      .build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });
});

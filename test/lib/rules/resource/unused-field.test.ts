import { describe, expect, it } from 'vitest';
import rule, { BINARY_DROP_WARNING } from '../../../../lib/rules/resource/unused-field';
import { app } from '../../../fixtures/builders';
import { runSummaryOf } from '../../../../lib/analyze/run-summary';
import type { RuleRun } from '../../../../lib/analyze/result';
import { UNUSED_FIELD_SUMMARY } from '../../../../lib/rules/shared/unused-field-summary';
import { runRule } from '../run-rule';

/** R01's run summary, read as the views read it (its declared contract). */
const summaryOf = (run: RuleRun) => runSummaryOf({ rules: [run] }, UNUSED_FIELD_SUMMARY);

const fieldsOf = (findings: { target: { name?: string } }[]) => findings.map((f) => f.target.name).sort();

describe('R01 unused-field', () => {
  it('reports a field nothing uses, with high confidence, memory and a DROP FIELDS statement', () => {
    const snapshot = app()
      .table('Sales', { fields: ['Region', 'Sales', { name: 'Comment', byteSize: 2_000_000 }] })
      .sheet()
      .barchart({ dimension: 'Region', measure: 'Sum(Sales)' })
      .build();
    const { findings, run } = runRule(rule, snapshot);
    expect(fieldsOf(findings)).toEqual(['Comment']);
    expect(findings[0].target).toEqual({ kind: 'field', id: 'Comment', name: 'Comment' });
    expect(findings[0].data).toMatchObject({ confidence: 'high', byteSize: 2_000_000 });
    expect(findings[0].message).toContain('1.9 MiB');
    expect(run.data).toMatchObject({ fieldCount: 1, totalBytes: 2_000_000, dropStatement: 'DROP FIELDS [Comment];' });
  });

  it('counts fields used through variables (transitively), set modifiers, sort, master labels, bookmarks, filters, keys', () => {
    const snapshot = app()
      .table('Facts', { fields: ['OrderID', 'Amount', 'Year', 'Flag', 'SortKey', 'Cost', 'Deep', 'Picked', 'Literal'] })
      .table('Orders', { fields: ['OrderID', 'Customer'] })
      .variable('vOuter', 'Sum(Amount) + $(vInner)')
      .variable('vInner', '=Max(Deep)')
      .measure({ label: 'Total Cost', def: 'Sum(Cost)' })
      .bookmark({ title: 'Picked values', fields: ['Picked'] })
      .sheet()
      .barchart({
        dimension: { field: 'Customer', sort: 'Max(SortKey)' },
        measures: ['$(vOuter)', 'Sum({<Year={2024}, Flag={1}>} 1)', "FieldValue('Literal', 1)"],
      })
      .build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });

  it('counts a field used only by a master measure (master items are available to every user)', () => {
    const snapshot = app().table('T', { fields: ['A', 'B'] }).measure({ label: 'M', def: 'Sum(A)' }).dimension({ title: 'B', field: 'B' }).build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });

  it('counts alternative dimensions and measures kept in qLayoutExclude', () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'Alt', 'AltMeasure'] })
      .sheet()
      .barchart({
        dimension: 'A',
        properties: { qLayoutExclude: { qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['Alt'] } }], qMeasures: [{ qDef: { qDef: 'Sum(AltMeasure)' } }] } } },
      })
      .build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
    // a snapshot saved before mentions were listed reads them from the properties
    expect(runRule(rule, { ...snapshot, mentions: undefined }).findings).toEqual([]);
  });

  it('counts alternatives kept inside the chart\'s own hypercube (qHyperCubeDef.qLayoutExclude, as in real apps)', () => {
    const alternatives = { qLayoutExclude: { qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['=Upper(Alt)'] } }], qMeasures: [{ qDef: { qDef: 'Sum(AltMeasure)' } }] } } };
    const snapshot = app()
      .table('T', { fields: ['A', 'Alt', 'AltMeasure'] })
      .sheet()
      .barchart({ dimension: 'A', properties: { qHyperCubeDef: alternatives } })
      .object('map', { properties: { layers: [{ qHyperCubeDef: { qDimensions: [{ qDef: { qFieldDefs: ['A'] } }], ...alternatives } }] } })
      .build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });

  it('counts reduction fields of section access and fields named by button actions', () => {
    const snapshot = app({ sectionAccess: true })
      .table('T', { fields: ['REGION', 'Shown', 'Picked'] })
      .script('Section Access;\nLOAD * INLINE [ACCESS, USERID, REGION\nADMIN, A, *];\nSection Application;\nLOAD 1 AS X AUTOGENERATE 1;')
      .sheet()
      .kpi({ measure: 'Count(Shown)' })
      .object('action-button', { properties: { actions: [{ actionType: 'selectAll', field: 'Picked' }] } })
      .build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });

  it('counts fields of $(=…) values and field names given as text to them', () => {
    const snapshot = app().table('T', { fields: ['A', 'Picked', 'Year'] }).sheet().kpi({ measures: ["Sum({<Year={$(=Max(Year))}>} $(=If(1, 'Picked', 'A')))"] }).build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
  });

  it('lowers confidence when the name appears in text of an extension it cannot interpret', () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'Maybe'] })
      .sheet()
      .kpi({ measure: 'Sum(A)' })
      .object('acme-sql-box', { properties: { query: 'select Maybe from somewhere' } })
      .build();
    const { findings } = runRule(rule, snapshot);
    expect(fieldsOf(findings)).toEqual(['Maybe']);
    expect(findings[0].data?.confidence).toBe('medium');
    expect(String(findings[0].data?.reason)).toContain('extension');
  });

  it('never calls a field mentioned in a broken expression unused with high confidence', () => {
    const snapshot = app().table('T', { fields: ['A', 'Maybe'] }).sheet().kpi({ measures: ['Sum(A)', 'Sum(Maybe +'] }).build();
    const { findings } = runRule(rule, snapshot);
    expect(findings.filter((f) => f.data?.confidence === 'high')).toEqual([]);
  });

  it('keeps the fields an expression with a diagnostic names used: an undefined variable, a syntax error elsewhere', () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'Region', 'Sales', 'Comment'] })
      .sheet()
      .barchart({ dimension: 'Region', measures: ['Sum(Sales) * $(vMissing)', 'Sum(A) +'] })
      .build();
    const { findings } = runRule(rule, snapshot);
    expect(fieldsOf(findings)).toEqual(['Comment']);
  });

  it('lists a field named only where no reading understood it as "could not decide", with the expression, and never drops it', () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'Computed', 'Hidden', 'Gone'] })
      .sheet()
      .kpi({ id: 'k1', title: 'Totals', measures: ['Sum(A)', 'Sum($(=Only(Computed)))', 'Sum(A) * $(vMissing(Hidden))'] })
      .build();
    const { findings, run } = runRule(rule, snapshot);
    const undecided = summaryOf(run)?.undecided ?? [];
    const undecidedFields = undecided.map((u) => u.field).sort();
    expect(fieldsOf(findings)).toEqual(['Gone']);
    for (const field of undecidedFields) expect(fieldsOf(findings)).not.toContain(field);
    expect(undecidedFields).toEqual(['Hidden']);
    expect(undecided[0]).toMatchObject({ expression: 'Sum(A) * $(vMissing(Hidden))', where: { id: 'k1' } });
    expect(summaryOf(run)?.dropStatement).toBe('DROP FIELDS [Gone];');
  });

  it('counts a name in what Sense keeps but does not evaluate (qLayoutExclude, an inactive colour mode) as a mention: medium, not dropped', () => {
    const snapshot = app()
      .table('T', { fields: ['A', 'AxisMax', 'ColourBy'] })
      .sheet()
      .barchart({
        measure: 'Sum(A)',
        properties: {
          qLayoutExclude: { disabled: { measureAxis: { max: { qValueExpression: { qExpr: 'Max(AxisMax)' } } } } },
          color: { auto: false, mode: 'primary', colorExpression: "=If(Sum(ColourBy) > 0, Green(), Red())" },
        },
      })
      .build();
    const { findings, run } = runRule(rule, snapshot);
    expect(findings.map((f) => [f.target.id, f.data?.confidence])).toEqual([
      ['AxisMax', 'medium'],
      ['ColourBy', 'medium'],
    ]);
    expect(String(findings.find((f) => f.target.id === 'ColourBy')?.data?.reason)).toContain('inactive colour mode');
    expect(run.data?.dropStatement).toBeUndefined();
  });

  it('lowers confidence when the only mention is an unused variable, and leaves it out of the statement', () => {
    const snapshot = app().table('T', { fields: ['A', 'B'] }).variable('vOld', 'Sum(B)').sheet().kpi({ measure: 'Sum(A)' }).build();
    const { findings, run } = runRule(rule, snapshot);
    expect(findings[0].data).toMatchObject({ confidence: 'medium' });
    expect(String(findings[0].data?.reason)).toContain('vOld');
    expect(summaryOf(run)).toMatchObject({ fieldCount: 1, highConfidenceBytes: 0 });
    expect(summaryOf(run)?.dropStatement).toBeUndefined();
  });

  it('lowers confidence without edit rights, and with section access but no script', () => {
    const noEdit = app().table('T', { fields: ['A', 'B'] }).patch((s) => (s.access.canEdit = false)).sheet().kpi({ measure: 'Sum(A)' }).build();
    expect(runRule(rule, noEdit).findings[0].data?.reason).toContain('edit rights');
    const hidden = app({ sectionAccess: true }).table('T', { fields: ['A', 'B'] }).noScript().sheet().kpi({ measure: 'Sum(A)' }).build();
    expect(runRule(rule, hidden).findings[0].data?.reason).toContain('section access');
  });

  it('adds the BINARY warning to the statement and escapes brackets', () => {
    const snapshot = app().table('T', { fields: ['A', 'Odd]Name'] }).script('BINARY [lib://apps/base.qvf];\n').sheet().kpi({ measure: 'Sum(A)' }).build();
    const { run } = runRule(rule, snapshot);
    expect(summaryOf(run)?.dropStatement).toBe('DROP FIELDS [Odd]]Name];');
    expect(summaryOf(run)?.warning).toBe(BINARY_DROP_WARNING);
  });

  it('ignores system fields and could not run without a data model', () => {
    const snapshot = app().table('T', { fields: ['A', { name: '$Field', isSystem: true }] }).sheet().kpi({ measure: 'Sum(A)' }).build();
    expect(runRule(rule, snapshot).findings).toEqual([]);
    expect(runRule(rule, app().noDataModel().build()).run.status).toBe('could-not-run');
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/distant-count-distinct';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

const model = () =>
  app()
    .table('Facts', { fields: ['OrderID', 'CustomerID', 'ProductID'] })
    .table('Customers', { fields: ['CustomerID', 'Region'] })
    .table('Products', { fields: ['ProductID', 'GroupID'] })
    .table('Groups', { fields: ['GroupID', 'GroupName'] });

describe('P14 distant-count-distinct', () => {
  it('passes a count one hop from the dimension', () => {
    expect(runRule(rule, model().sheet().barchart({ dimension: 'Region', measure: 'Count(DISTINCT OrderID)' }).build()).findings).toEqual([]);
  });

  it('flags a count several hops away', () => {
    const { findings, found } = runRule(rule, model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT GroupName)' }).build());
    expect(findings[0].data).toEqual({ field: 'GroupName', hops: 3 });
    expect(found).toEqual([
      'P14 object:c The measure 1 of Bar chart on sheet "Sheet" counts distinct GroupName, 3 key hops from the tables of the dimensions (Region); threshold 2.',
    ]);
  });

  // Count({[SetExpression] [DISTINCT] [TOTAL [<fld {,fld}>]]} expr) counts expr
  // (https://help.qlik.com/en-US/sense/Subsystems/Hub/Content/Sense_Hub/ChartFunctions/CounterAggregationFunctions/count.htm);
  // a set modifier's search, "=Count(GroupName)>0" or "*abc*", only selects records
  // (https://help.qlik.com/en-US/cloud-services/Subsystems/Hub/Content/Sense_Hub/ChartFunctions/SetAnalysis/set-modifiers-advanced-searches.htm).
  it('counts the field of the argument, not one of a search string in the set modifier', () => {
    const near = model().sheet().barchart({ dimension: 'Region', measure: 'Count({<OrderID={"=Count(GroupName)>0"}>} DISTINCT OrderID)' }).build();
    expect(runRule(rule, near).findings).toEqual([]);
    const far = model().sheet().barchart({ dimension: 'Region', measure: 'Count({<Region={"=Count(OrderID)>0"}>} DISTINCT GroupName)' }).build();
    expect(runRule(rule, far).findings.map((f) => f.data)).toEqual([{ field: 'GroupName', hops: 3 }]);
  });

  it('counts the field of the argument, not one of the TOTAL <fld> qualifier', () => {
    const s = model().sheet().barchart({ dimension: 'Region', measure: 'Count(TOTAL <Region> DISTINCT GroupName)' }).build();
    expect(runRule(rule, s).findings.map((f) => f.data)).toEqual([{ field: 'GroupName', hops: 3 }]);
  });

  it('honours the minHops option', () => {
    const s = model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT GroupName)' }).build();
    expect(runRule(rule, s, { minHops: 4 }).findings).toEqual([]);
    expect(runRule(rule, model().sheet().barchart({ id: 'c', dimension: 'Region', measure: 'Count(DISTINCT OrderID)' }).build(), { minHops: 1 }).messages[0]).toContain('threshold 1.');
  });
});

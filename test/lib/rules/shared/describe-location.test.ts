// Where an expression sits, in words: a message names the site precisely enough that two findings
// on one object do not read the same.
import { describe, expect, it } from 'vitest';
import { describeLocation } from '../../../../lib/rules/shared/helpers';
import type { ExpressionLocation } from '../../../../lib/snapshot/schema';

const at = (kind: ExpressionLocation['kind'], path: string): ExpressionLocation => ({ objectId: 'o', objectType: 'barchart', owner: 'object', kind, path });

describe('describeLocation', () => {
  it('names the part of a reference line and which line (the three expressions of one line read differently)', () => {
    // the paths of a Sense bar chart's reference line (../shared/corpus reload-analyzer, sheet "Schedules & Durations")
    expect(describeLocation(at('reference-line', '/refLine/refLines/0/show/qValueExpression/qExpr'))).toBe('show condition of reference line 1');
    expect(describeLocation(at('reference-line', '/refLine/refLines/0/refLineExpr/value/qValueExpression/qExpr'))).toBe('value of reference line 1');
    expect(describeLocation(at('reference-line', '/refLine/refLines/2/refLineExpr/label/qStringExpression/qExpr'))).toBe('label of reference line 3');
    expect(describeLocation(at('reference-line', '/refLine/dimRefLines/1/refLine/refLineExpr/value/qValueExpression/qExpr'))).toBe('value of dimension reference line 2');
    expect(describeLocation(at('reference-line', '/refLine/refLines/0/paletteColor/color'))).toBe('reference line 1');
    expect(describeLocation(at('reference-line', '/refLine/somethingElse'))).toBe('reference line');
  });

  it('keeps the other kinds as they were', () => {
    expect(describeLocation(at('measure', '/qHyperCubeDef/qMeasures/1/qDef/qDef'))).toBe('measure 2');
    expect(describeLocation(at('sort', '/qHyperCubeDef/qDimensions/0/qDef/qSortCriterias/0/qExpression/qv'))).toBe('sort expression of dimension 1');
    expect(describeLocation(at('title', '/title/qStringExpression/qExpr'))).toBe('title');
  });
});

import { describe, expect, it } from 'vitest';
import { chartMeasureLabels } from '../../../lib/snapshot/chart-labels';

describe('chartMeasureLabels', () => {
  it("reads every hypercube's measure labels in an object's own properties, and nothing else", () => {
    const properties = {
      qHyperCubeDef: {
        qDimensions: [{ qDef: { qFieldDefs: ['Region'], qFieldLabels: ['Area'], qLabel: 'not a measure' } }],
        qMeasures: [
          { qDef: { qDef: 'Sum(Sales)', qLabel: 'Revenue' }, qAttributeExpressions: [{ qExpression: 'red()', qLabel: 'an attribute' }] },
          { qDef: { qDef: 'Sum(Cost)', qLabel: '' } },
          { qLibraryId: 'm1', qDef: {} },
          null,
        ],
      },
      // a layered chart: each layer has a cube of its own
      layers: [{ qHyperCubeDef: { qMeasures: [{ qDef: { qLabel: 'Layer size' } }] } }, { qHyperCubeDef: { qMeasures: [{ qDef: { qLabel: 'Revenue' } }] } }],
      title: 'qMeasures',
    };
    expect([...chartMeasureLabels(properties)].sort()).toEqual(['Layer size', 'Revenue']);
    expect(chartMeasureLabels(undefined).size).toBe(0);
    expect(chartMeasureLabels({ qMeasures: 'not a list' }).size).toBe(0);
  });
});

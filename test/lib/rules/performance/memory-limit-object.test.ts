import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/memory-limit-object';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P05 memory-limit-object', () => {
  it('passes objects without limit errors', () => {
    const s = app().sheet().barchart({ id: 'c' }, { layoutErrors: [{ path: '/qHyperCube/qError', qErrorCode: 7005 }] }).app.timings([{ objectId: 'c', firstMs: 1 }]).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags a layout limit error and an evaluation memory-limit entry', () => {
    const s = app()
      .sheet()
      .barchart({ id: 'c', title: 'Big' }, { layoutErrors: [{ path: '/qHyperCube/qError', qErrorCode: 7002 }] })
      .barchart({ id: 'd', title: 'Bigger' })
      .app.timings([{ objectId: 'c', firstMs: 1 }])
      .evaluation({ objMemoryLimit: [{ id: 'd', memoryLimitStatusCode: 'LIMIT' }] })
      .build();
    const { findings } = runRule(rule, s);
    expect(findings.map((f) => f.target.id).sort()).toEqual(['c', 'd']);
    expect(findings.find((f) => f.target.id === 'c')?.message).toContain('Out of object memory (7002)');
  });
});

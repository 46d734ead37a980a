import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/script/slowest-statements';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('S05 slowest-statements', () => {
  it('passes when no statement is long', () => {
    expect(runRule(rule, app().reloads({ metadata: [{ reloadId: 'r', statements: [{ label: 'A', duration: 100 }] }] }).build()).findings).toEqual([]);
  });

  it('lists the slowest long statements in order', () => {
    const statements = [{ label: 'Small', duration: 61_000, nbrOfRows: 10 }, { label: 'Big', duration: 600_000, nbrOfRows: 5_000_000 }, { label: 'Tiny', duration: 10 }];
    const { findings } = runRule(rule, app().reloads({ reloads: [{ id: 'bad', status: 'FAILED' }, { id: 'r', status: 'SUCCEEDED' }], metadata: [{ reloadId: 'bad', statements: [] }, { reloadId: 'r', statements }] }).build());
    expect(findings).toHaveLength(1);
    expect(findings[0].target.id).toBe('r');
    expect((findings[0].data?.statements as Array<{ statement: string }>).map((s) => s.statement)).toEqual(['Big', 'Small']);
    expect(runRule(rule, app().reloads({ reloads: [{ id: 'bad', status: 'FAILED' }, { id: 'r', status: 'SUCCEEDED' }], metadata: [{ reloadId: 'bad', statements: [] }, { reloadId: 'r', statements }] }).build()).found).toEqual([
      'S05 reload:r Slowest statements of the last successful reload (at least 60 s): "Big" 600 s (5,000,000 rows), "Small" 61 s (10 rows).',
    ]);
  });
});

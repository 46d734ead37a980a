import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/slow-sheet';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P02 slow-sheet', () => {
  const build = (ms: number[]) => {
    const sheet = app().sheet({ id: 's', title: 'Overview' });
    ms.forEach((_, i) => sheet.barchart({ id: `o${i}` }));
    return sheet.app.timings(ms.map((firstMs, i) => ({ objectId: `o${i}`, firstMs }))).build();
  };

  it('passes a sheet under the threshold', () => {
    expect(runRule(rule, build([1000, 1000, 900])).findings).toEqual([]);
  });

  it('flags a sheet whose objects together exceed it', () => {
    const { findings } = runRule(rule, build([1000, 1500, 900]));
    expect(findings[0].target).toMatchObject({ kind: 'sheet', id: 's' });
    expect(findings[0].message).toBe('Sheet "Overview" needs 3.4 s to calculate its objects (threshold 3.0 s).');
  });

  it('honours the totalMs option', () => {
    expect(runRule(rule, build([1000, 1500, 900]), { totalMs: 4000 }).findings).toEqual([]);
    expect(runRule(rule, build([1000, 1000]), { totalMs: 1500 }).found).toEqual(['P02 sheet:s Sheet "Overview" needs 2.0 s to calculate its objects (threshold 1.5 s).']);
  });
});

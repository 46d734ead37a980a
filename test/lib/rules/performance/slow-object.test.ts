import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/slow-object';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P01 slow-object', () => {
  const timed = (firstMs: number, cachedMs: number) => app().sheet().barchart({ id: 'c', title: 'Chart' }).app.timings([{ objectId: 'c', firstMs, cachedMs }]).build();

  it('passes fast objects', () => {
    expect(runRule(rule, timed(900, 100)).findings).toEqual([]);
  });

  it('flags a slow first calculation and a slow cached one, with thresholds', () => {
    expect(runRule(rule, timed(1800, 100)).messages[0]).toBe('Object "Chart" takes 1.8 s the first time (threshold 1.0 s) to calculate.');
    expect(runRule(rule, timed(500, 450)).messages[0]).toContain('450 ms from the cache (threshold 300 ms)');
  });

  it('in quick mode (first calculation only, no cached time) judges the first time alone', () => {
    const quick = timed(1800, 100);
    for (const t of quick.timings?.objects ?? []) delete t.cachedMs;
    const run = runRule(rule, quick);
    expect(run.messages).toEqual(['Object "Chart" takes 1.8 s the first time (threshold 1.0 s) to calculate.']);
    expect(run.findings[0]?.data).toEqual({ firstMs: 1800, source: 'timings' });
    const fast = timed(900, 100);
    for (const t of fast.timings?.objects ?? []) delete t.cachedMs;
    expect(runRule(rule, fast).findings).toEqual([]);
  });

  it('uses thresholds from options and the app evaluation when there are no timings', () => {
    expect(runRule(rule, timed(1800, 100), { firstMs: 2000 }).findings).toEqual([]);
    const s = app().sheet().barchart({ id: 'c', title: 'Chart' }).app.evaluation({ objSlowCached: [{ id: 'c', responseTimeSeconds: 0.9 }] }).build();
    expect(runRule(rule, s).messages[0]).toContain('slow from the cache: 900 ms');
  });

  it('could not run without timings or evaluation', () => {
    expect(runRule(rule, app().sheet().barchart().build()).run.status).toBe('could-not-run');
  });
});

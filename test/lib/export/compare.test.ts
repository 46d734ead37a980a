import { describe, expect, it } from 'vitest';
import { analyse } from '../../../lib/analyze/runner';
import type { AnalysisResult } from '../../../lib/analyze/result';
import { compareAnalyses, describeChange, timingNoiseMs } from '../../../lib/export/compare';
import { metricsOf } from '../../../lib/export/metrics';
import { app } from '../../fixtures/builders';

// Release 1: a KPI on a missing field; release 2 fixes it, breaks the bar chart and drops a field.
function release(n: 1 | 2) {
  const builder = app({ name: 'Sales' })
    .sheet({ id: 's1', title: 'Overview' })
    .kpi({ id: 'k1', title: 'Total', measure: n === 1 ? 'Sum([No Such Field])' : 'Sum(Sales)' })
    .barchart({ id: 'b1', title: 'By region', measure: n === 1 ? 'Sum(Sales)' : 'Sum([Gone])', dimension: 'Region' })
    .table({ id: 't1', title: 'Details', dimensions: ['Region'], measure: 'Count(Sales)' })
    .app.table('Orders', { rows: 1000, fields: ['Region', 'Sales', ...(n === 1 ? [{ name: 'Comment', byteSize: 5000 }] : [])], byteSize: n === 1 ? 80_000 : 60_000 })
    .timings([
      { objectId: 'k1', firstMs: 200 },
      { objectId: 'b1', firstMs: n === 1 ? 1000 : 1080 }, // within the noise margin
      { objectId: 't1', firstMs: n === 1 ? 400 : 2400 }, // well beyond it
    ]);
  const snapshot = builder.build();
  snapshot.dataModel!.staticByteSize = n === 1 ? 80_000 : 60_000;
  const result = analyse(snapshot);
  return { result, metrics: metricsOf(result, snapshot) };
}

const q = (r: AnalysisResult, rule: string, id: string) => r.findings.find((f) => f.rule === rule && f.target.id === id);

describe('compareAnalyses', () => {
  const before = release(1);
  const after = release(2);
  const c = compareAnalyses(before, after);

  it('sorts findings into new, fixed and unchanged by fingerprint', () => {
    expect(q(before.result, 'Q02', 'k1')).toBeDefined();
    expect(q(after.result, 'Q02', 'b1')).toBeDefined();
    expect(c.newFindings.map((e) => `${e.finding.rule}:${e.finding.target.id}`)).toContain('Q02:b1');
    expect(c.fixedFindings.map((e) => `${e.finding.rule}:${e.finding.target.id}`)).toContain('Q02:k1');
    expect(c.fixedFindings.map((e) => `${e.finding.rule}:${e.finding.target.id}`)).toContain('R01:Comment');
    const total = c.newFindings.length + c.unchangedFindings.length;
    expect(total).toBe(after.result.findings.length);
    expect(c.fixedFindings.length + c.unchangedFindings.length).toBe(before.result.findings.length);
    expect(c.counts.new.error).toBeGreaterThanOrEqual(1);
    expect(c.newFindings[0].finding.severity).toBe('error'); // worst first
  });

  it('gives the deltas of score, memory, field count and the object times beyond the noise margin', () => {
    expect(c.score).toEqual({ before: before.result.score.value, after: after.result.score.value, delta: after.result.score.value - before.result.score.value });
    expect(c.appMemoryBytes).toEqual({ before: 80_000, after: 60_000, delta: -20_000 });
    expect(c.fieldCount).toEqual({ before: 3, after: 2, delta: -1 });
    expect(c.objectsTimedInBoth).toBe(3);
    expect(c.objectTimes.map((o) => o.objectId)).toEqual(['t1']);
    expect(c.objectTimes[0]).toMatchObject({ before: 400, after: 2400, delta: 2000, name: 'Details', noiseMs: 600 });
    expect(c.noiseRule).toMatch(/100 ms/);
  });

  it('states the noise margin: at least 100 ms, a quarter of the larger time, twice the round trip', () => {
    expect(timingNoiseMs(10, 20)).toBe(100);
    expect(timingNoiseMs(1000, 2000)).toBe(500);
    expect(timingNoiseMs(100, 120, 300)).toBe(600);
  });

  it('leaves deltas out when a side has no measurement', () => {
    const bare = compareAnalyses({ result: before.result }, after);
    expect(bare.appMemoryBytes).toBeUndefined();
    expect(bare.objectTimes).toEqual([]);
    expect(bare.objectsTimedInBoth).toBe(0);
  });

  it('does not call a finding that was hidden since "fixed", and counts neither hidden new nor hidden fixed ones', () => {
    const k1 = q(before.result, 'Q02', 'k1')!;
    const hiddenNow = { ...before.result, findings: before.result.findings.filter((f) => f !== k1), suppressedFindings: [k1] };
    const same = compareAnalyses(before, { result: hiddenNow });
    expect(same.fixedFindings).toEqual([]);
    expect(same.unchangedFindings.find((u) => u.finding === k1)?.hidden).toBe(true);
    const wasHidden = compareAnalyses({ result: hiddenNow }, after);
    expect(wasHidden.fixedFindings.find((e) => e.finding === k1)?.hidden).toBe(true);
    expect(wasHidden.counts.fixed.error).toBe(c.counts.fixed.error - 1);
  });

  it('says in one line what changed since the earlier analysis', () => {
    const line = describeChange(c, () => '1 Dec');
    expect(line).toMatch(/^\d+ new errors?(, \d+ new warnings?)?(, \d+ new info)?, \d+ fixed since 1 Dec$/);
    expect(describeChange(compareAnalyses(before, before), () => '1 Dec')).toBe('No new or fixed findings since 1 Dec');
  });
});

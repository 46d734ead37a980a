import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/analyze/result';
import { computeScore, scoreBand, SCORE_BAND_MEANING, SCORE_FORMULA } from '../../../lib/analyze/score';

const finding = (rule: string, severity: Finding['severity'], category: Finding['category'] = 'quality'): Finding => ({
  id: Math.random().toString(36),
  rule,
  name: rule,
  severity,
  category,
  message: '',
  target: { kind: 'app', id: 'a' },
  contentHash: 'h',
});
const many = (n: number, rule: string, severity: Finding['severity'], category: Finding['category']) => Array.from({ length: n }, () => finding(rule, severity, category));

describe('computeScore', () => {
  it('is 100 without findings and follows the documented formula', () => {
    expect(computeScore([]).value).toBe(100);
    // one error: 20 × log2(2) = 20; two warnings of one rule: 4 × log2(3)
    const score = computeScore([finding('Q01', 'error'), finding('P01', 'warning', 'performance'), finding('P01', 'warning', 'performance')]);
    const penalty = 20 + 4 * Math.log2(3);
    expect(score.penalty).toBeCloseTo(penalty, 2);
    expect(score.value).toBe(Math.round((100 * 50) / (50 + penalty)));
    expect(SCORE_FORMULA).toContain('log2(1 + findings of the rule)');
  });

  it('moves less when one of 400 identical style findings is fixed than when one broken chart is fixed', () => {
    const style = many(400, 'D09', 'info', 'design');
    const broken = [finding('Q02', 'error'), finding('Q06', 'error')];
    const before = computeScore([...style, ...broken]).value;
    const styleFixed = computeScore([...style.slice(1), ...broken]).value;
    const chartFixed = computeScore([...style, broken[0]]).value;
    expect(before - styleFixed).toBeLessThan(chartFixed - before);
    expect(chartFixed - before).toBeGreaterThan(5);
  });

  it('keeps an app with only style notes out of the poor band, and one with broken charts out of the good band', () => {
    expect(scoreBand(computeScore(many(400, 'D09', 'info', 'design')).value)).not.toBe('poor');
    expect(scoreBand(computeScore([finding('Q02', 'error')]).value)).not.toBe('good');
  });

  it('scores each category on its own findings and ignores context rules', () => {
    const score = computeScore([finding('Q02', 'error'), ...many(3, 'D08', 'info', 'design'), finding('G01', 'info', 'context')]);
    expect(score.categories?.quality).toBe(computeScore([finding('Q02', 'error')]).value);
    expect(score.categories?.design).toBe(computeScore(many(3, 'D08', 'info', 'design')).value);
    expect(score.categories?.context).toBeUndefined();
    expect(score.categories?.performance).toBeUndefined();
    expect(computeScore([finding('G01', 'info', 'context')]).value).toBe(100);
  });
});

describe('scoreBand', () => {
  it('uses the bands 0–49, 50–89, 90–100 with a one-sentence meaning each', () => {
    expect([0, 49, 50, 89, 90, 100].map(scoreBand)).toEqual(['poor', 'poor', 'average', 'average', 'good', 'good']);
    for (const meaning of Object.values(SCORE_BAND_MEANING)) expect(meaning).toMatch(/^[A-Z][^.]*[^.]*\.$/);
  });
});

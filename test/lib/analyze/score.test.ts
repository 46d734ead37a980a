import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/analyze/result';
import { computeScore } from '../../../lib/analyze/score';

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

describe('computeScore', () => {
  it('is 100 without findings and follows the documented formula', () => {
    expect(computeScore([]).value).toBe(100);
    // one error (10) + two warnings (6) = 16 → 100 × 50 / 66
    const score = computeScore([finding('Q01', 'error'), finding('P01', 'warning'), finding('P01', 'warning')]);
    expect(score.penalty).toBe(16);
    expect(score.value).toBe(Math.round((100 * 50) / 66));
    expect(score.formula).toContain('penalty');
  });

  it('caps each rule at five findings and ignores context rules', () => {
    const many = Array.from({ length: 50 }, () => finding('R01', 'warning'));
    expect(computeScore(many).penalty).toBe(15);
    expect(computeScore([finding('G01', 'info', 'context')]).value).toBe(100);
    // info weighs 1, and the cap is per rule: 7 × D08 (5) + 2 × D02 (2) = 7
    const infos = [...Array.from({ length: 7 }, () => finding('D08', 'info', 'design')), finding('D02', 'info', 'design'), finding('D02', 'info', 'design')];
    expect(computeScore(infos)).toMatchObject({ penalty: 7, value: Math.round((100 * 50) / 57) });
  });
});

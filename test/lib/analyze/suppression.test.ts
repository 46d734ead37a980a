import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/analyze/result';
import { Suppression, splitSuppressed, suppressionFor, targetKey } from '../../../lib/analyze/suppression';

const finding = (id: string, contentHash: string): Finding => ({
  id,
  rule: 'R01',
  name: 'unused-field',
  severity: 'warning',
  category: 'resource',
  message: 'm',
  target: { kind: 'field', id: 'Comment', name: 'Comment' },
  contentHash,
});

describe('suppressions', () => {
  it('are keyed by rule, target and content hash, and survive a JSON round trip', () => {
    const hide = Suppression.parse(JSON.parse(JSON.stringify(suppressionFor(finding('1', 'h1'), 'kept on purpose', '2026-01-01'))));
    expect(hide).toEqual({ rule: 'R01', target: 'field:Comment', contentHash: 'h1', note: 'kept on purpose', createdAt: '2026-01-01' });
    const { shown, hidden } = splitSuppressed([finding('1', 'h1'), finding('2', 'h2')], [hide]);
    expect(hidden.map((f) => f.id)).toEqual(['1']);
    expect(shown.map((f) => f.id)).toEqual(['2']);
  });

  it('do not hide the same rule on another target', () => {
    const other = { ...finding('3', 'h1'), target: { kind: 'field' as const, id: 'Notes' } };
    expect(targetKey(other.target)).toBe('field:Notes');
    expect(splitSuppressed([other], [suppressionFor(finding('1', 'h1'))]).shown).toHaveLength(1);
  });
});

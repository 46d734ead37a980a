import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/resource/reload-memory-near-quota';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('R12 reload-memory-near-quota', () => {
  const withPeak = (peakMemoryBytes: number) => app().reloads({ metadata: [{ reloadId: 'r1', peakMemoryBytes, statements: [] }] }).build();

  it('passes a reload far below the quota', () => {
    expect(runRule(rule, withPeak(1024 ** 3)).findings).toEqual([]);
  });

  it('flags a reload peak over 80 %', () => {
    const [f] = runRule(rule, withPeak(4.5 * 1024 ** 3)).findings;
    expect(f.target).toEqual({ kind: 'reload', id: 'r1', name: 'Last successful reload' });
    expect(f.message).toContain('90 % of the 5.0 GB quota');
  });

  it('could not run without reload metadata', () => {
    expect(runRule(rule, app().build()).run.status).toBe('could-not-run');
  });
});

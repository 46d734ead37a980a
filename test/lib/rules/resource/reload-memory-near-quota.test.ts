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
    expect(f.message).toContain('90 % of the 5.0 GiB quota');
  });

  it('could not run without reload metadata', () => {
    expect(runRule(rule, app().build()).run.status).toBe('could-not-run');
  });

  it('honours the quota and share options', () => {
    expect(runRule(rule, withPeak(4.5 * 1024 ** 3), { share: 0.95 }).findings).toEqual([]);
    expect(runRule(rule, withPeak(1024 ** 3), { quotaBytes: 2 * 1024 ** 3, share: 0.4 }).messages[0]).toContain('50 % of the 2.0 GiB quota');
  });
});

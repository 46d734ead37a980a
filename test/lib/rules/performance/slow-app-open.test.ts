import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/performance/slow-app-open';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('P20 slow-app-open', () => {
  it('passes a quick open', () => {
    expect(runRule(rule, app().timings([], { appOpenMs: 2000 }).build()).findings).toEqual([]);
  });

  it('flags a slow open', () => {
    expect(runRule(rule, app().timings([], { appOpenMs: 12_000 }).build()).messages).toEqual(['The app took 12 s to open (threshold 10 s).']);
  });

  it('could not run without timings', () => {
    expect(runRule(rule, app().build()).run.status).toBe('could-not-run');
  });
});

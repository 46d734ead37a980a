import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/missing-theme';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q09 missing-theme', () => {
  it('passes built-in and installed themes', () => {
    expect(runRule(rule, app({ theme: 'sense-breeze' }).build()).findings).toEqual([]);
    expect(runRule(rule, app({ theme: 'acme' }).patch((s) => (s.themes = [{ id: 'acme' }])).build()).findings).toEqual([]);
  });

  it('flags a custom theme that is not installed', () => {
    const { findings } = runRule(rule, app({ theme: 'corporate-2019' }).build());
    expect(findings[0].target.kind).toBe('app');
    expect(findings[0].message).toContain('"corporate-2019"');
  });
});

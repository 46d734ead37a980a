import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/extension-count';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D11 extension-count', () => {
  it('passes an app with native objects only', () => {
    expect(runRule(rule, app().sheet().barchart().build()).findings).toEqual([]);
  });

  it('counts extension objects by type', () => {
    const s = app().sheet().object('acme-gantt').object('acme-gantt').object('other-ext').build();
    const [f] = runRule(rule, s).findings;
    expect(f.message).toBe('The app uses 3 extension objects: acme-gantt (2), other-ext (1).');
    expect(runRule(rule, s, { max: 3 }).findings).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/design/deprecated-visualization';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('D07 deprecated-visualization', () => {
  it('passes current objects', () => {
    expect(runRule(rule, app().sheet().object('action-button').object('container').build()).findings).toEqual([]);
  });

  it('flags a deprecated bundle object', () => {
    expect(runRule(rule, app().sheet().object('qlik-show-hide-container', { id: 'o', title: 'Toggle' }).build()).found).toEqual([
      'D07 object:o Object "Toggle" uses the deprecated "qlik-show-hide-container"; use Container (container) with show conditions instead.',
    ]);
  });
});

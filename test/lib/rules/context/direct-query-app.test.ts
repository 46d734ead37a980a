import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/context/direct-query-app';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('G01 direct-query-app', () => {
  it('is silent for in-memory apps', () => {
    expect(runRule(rule, app().build()).findings).toEqual([]);
  });

  it('informs about Direct Query apps', () => {
    expect(runRule(rule, app({ directQuery: true }).build()).findings.map((f) => f.severity)).toEqual(['info']);
    expect(runRule(rule, app({ directQuery: true }).build()).found).toEqual([
      'G01 app:app-1 This is a Direct Query app: rules about the in-memory data model do not apply.',
    ]);
  });
});

import { describe, expect, it } from 'vitest';
import rule from '../../../../lib/rules/quality/unknown-alternate-state';
import { app } from '../../../fixtures/builders';
import { runRule } from '../run-rule';

describe('Q12 unknown-alternate-state', () => {
  it('passes known states', () => {
    const s = app({ alternateStates: ['A'] }).sheet({ stateName: 'A' }).barchart({ state: 'A' }).barchart({ state: '$' }).build();
    expect(runRule(rule, s).findings).toEqual([]);
  });

  it('flags sheets and objects in unknown states', () => {
    const s = app().sheet({ id: 's', title: 'S', stateName: 'Old' }).barchart({ id: 'o', state: 'Gone' }).build();
    expect(runRule(rule, s).findings.map((f) => f.target.id).sort()).toEqual(['o', 's']);
    expect(runRule(rule, s).found).toEqual([
      'Q12 object:o Bar chart on sheet "S" uses alternate state "Gone", which the app does not define.',
      'Q12 sheet:s Sheet "S" uses alternate state "Old", which the app does not define.',
    ]);
  });
});

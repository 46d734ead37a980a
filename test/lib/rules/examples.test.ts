// Each rule's docs examples (meta.examples, shown on its docs page) run as tests: the bad example,
// put into an app, must give a finding of the rule; the good one must not. Every example is put into
// one ordinary app (a table whose fields the examples name, the variables and master measures they
// use), in the place the rule reads: a chart measure by default.
import { describe, expect, it } from 'vitest';
import type { AnyRule } from '../../../lib/analyze/rule';
import { RULES } from '../../../lib/rules/index';
import { app } from '../../fixtures/builders';
import { runRule } from './run-rule';

type Place = 'measure' | 'dimension' | 'colour' | 'script' | 'variable';

/** Where a rule's examples go when not in a chart measure. */
const PLACE: Record<string, Place> = {
  P06: 'dimension',
  P07: 'dimension',
  D09: 'colour',
  S07: 'script',
  // `name = definition`, then optionally `→ an expression using it`
  Q17: 'variable',
  P18: 'variable',
};

/** Examples written as prose, not as something an app holds: no app can be made from them mechanically. */
const PROSE: Record<string, { bad?: string; good?: string }> = {
  P19: {
    bad: 'describes two charts ("… in one chart, … in another"), not one expression',
    good: 'names a remedy (a master measure in both charts), not an expression',
  },
  R01: {
    bad: 'an unused field is a fact about the whole app (no sheet uses it), which a LOAD statement alone does not show',
    good: 'the absence of a field cannot be placed in an app',
  },
  D09: { good: 'names a remedy (colour by master measure or the theme palette), not an expression' },
  P06: { good: 'a field made in the script: the dimension is the plain field (checked below as "SizeClass")' },
};

function exampleApp(rule: AnyRule, text: string) {
  const builder = app()
    .table('Orders', {
      rows: 1000,
      fields: ['OrderID', 'Region', 'Sales', 'Cost', 'Customer', 'Year', 'OrderDate', 'Status', 'Amount', 'Margin', 'IsYTD', 'SizeClass'],
    })
    .variable('vCurrentYear', '2024')
    .variable('vChosenMeasure', 'Sum(Sales)')
    .variable('vMode', 'Count')
    .measure({ label: 'Total Revenue', def: 'Sum(Sales)' })
    .measure({ label: 'Total Cost', def: 'Sum(Cost)' });
  switch (PLACE[rule.code] ?? 'measure') {
    case 'measure':
      return builder.sheet().barchart({ dimension: 'Region', measure: text }).build();
    case 'dimension':
      return builder.sheet().barchart({ dimension: text, measure: 'Sum(Sales)' }).build();
    case 'colour':
      return builder.sheet().barchart({ dimension: 'Region', measure: { def: 'Sum(Margin)', colour: text } }).build();
    case 'script':
      return builder.script(text).build();
    case 'variable': {
      const [definition, use] = text.split('→').map((s) => s.trim());
      const at = definition.indexOf('=');
      builder.variable(definition.slice(0, at).trim(), definition.slice(at + 1).trim());
      return builder.sheet().barchart({ dimension: 'Region', measure: use ?? `$(${definition.slice(0, at).trim()})` }).build();
    }
  }
}

const withExamples = RULES.filter((r) => r.examples);

describe('rule docs examples', () => {
  it('rules with examples are found', () => {
    expect(withExamples.length).toBeGreaterThan(10);
  });

  for (const rule of withExamples) {
    const { bad, good } = rule.examples ?? {};
    const prose = PROSE[rule.code] ?? {};
    if (bad && !prose.bad) {
      it(`${rule.code} ${rule.name}: the bad example is found`, () => {
        const { findings } = runRule(rule, exampleApp(rule, bad));
        expect(findings.map((f) => f.rule)).toContain(rule.code);
      });
    }
    if (good && !prose.good) {
      it(`${rule.code} ${rule.name}: the good example passes`, () => {
        expect(runRule(rule, exampleApp(rule, good)).found).toEqual([]);
      });
    }
  }

  it('P06: a dimension made in the script (its good example) passes', () => {
    const rule = RULES.find((r) => r.code === 'P06')!;
    expect(runRule(rule, exampleApp(rule, 'SizeClass')).found).toEqual([]);
  });
});

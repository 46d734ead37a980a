import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/analyze/result';
import { readReviewedErrors, reviewErrors, reviewWarnings, type ReviewedErrors } from './corpus-expected';
import { CORPUS_EXPECTED_DIR } from './corpus-run';

const finding = (rule: string, id: string, message: string, severity: Finding['severity'] = 'error'): Finding =>
  ({ id: `${rule}-${id}`, rule, name: 'x', severity, category: 'quality', message, target: { kind: 'object', id, name: id }, contentHash: 'h' }) as Finding;

const reviewed: ReviewedErrors = {
  expected: [{ rule: 'Q10', target: 'a', message: 'vQuota', justification: 'vQuota is defined nowhere' }],
  knownFalse: [{ rule: 'Q06', target: '*', why: 'false: a container is no master link' }],
  warnings: [
    { rule: 'Q14', message: 'Label "Label"', count: 1, verdict: 'false', why: 'false: the default label of a Text object measure' },
    { rule: 'Q14', count: 2, verdict: 'true', why: 'two definitions under one label, checked in the app' },
  ],
};

describe('reviewErrors', () => {
  it('sorts error findings into reviewed real ones, known false ones and unreviewed ones; warnings are not its business', () => {
    const review = reviewErrors(
      [finding('Q10', 'a', "Variable 'vQuota' is not defined"), finding('Q06', 'b', 'links to "/qExtendsId"'), finding('Q02', 'c', 'Field "X" does not exist'), finding('D04', 'd', 'no description', 'warning')],
      reviewed,
    );
    expect(review.expected.map((f) => f.rule)).toEqual(['Q10']);
    expect(review.knownFalse.map((f) => f.rule)).toEqual(['Q06']);
    expect(review.unreviewed.map((f) => f.rule)).toEqual(['Q02']);
    expect(review.missingExpected).toEqual([]);
  });

  it('names a reviewed real error the analysis no longer reports, and a known false one that is gone', () => {
    const review = reviewErrors([finding('Q10', 'a', "Variable 'vOther' is not defined")], reviewed);
    expect(review.unreviewed).toHaveLength(1);
    expect(review.missingExpected.map((e) => e.rule)).toEqual(['Q10']);
    expect(review.goneKnownFalse.map((e) => e.rule)).toEqual(['Q06']);
  });
});

describe('reviewWarnings', () => {
  it('puts each warning under the first entry of its rule whose message piece it holds; other warnings are unreviewed; errors are not its business', () => {
    const findings = [
      finding('Q14', 'a', 'Label "Label" has 2 different definitions', 'warning'),
      finding('Q14', 'b', 'Label "Sales" has 2 different definitions', 'warning'),
      finding('R01', 'c', 'Field "X" is not used', 'warning'),
      finding('Q14', 'd', 'Label "Cost" has 2 different definitions', 'error'),
    ];
    const review = reviewWarnings(findings, reviewed);
    expect(review.covered.map((c) => c.findings.map((f) => f.target.id))).toEqual([['a'], ['b']]);
    expect(review.unreviewed.map((f) => f.target.id)).toEqual(['c']);
  });
});

describe('the committed reviews (test/fixtures/corpus-expected)', () => {
  it('each parses, with the corpus present or not, and reviews warnings as well as errors', () => {
    const apps = readdirSync(CORPUS_EXPECTED_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));
    expect(apps.sort()).toEqual(['app-h', 'consumer-sales', 'reload-analyzer']);
    for (const app of apps) expect(readReviewedErrors(app).warnings.length, app).toBeGreaterThan(0);
  });
});

// The score shown with a result: overall and per category, 0..100, in Lighthouse's colour bands.
// The formula is documented in docs/rules/README.md (generated from SCORE_FORMULA below); the
// report shows the band's meaning, never the formula.
//
// Each rule adds weight(severity) × log2(1 + its findings): the first finding of a rule costs the
// most and every further one less, so fixing one of 400 identical style notes barely moves the
// score while fixing a broken chart does. The sum maps to 0..100 with a half-value point.
import type { Category, Finding, Score } from './result';
import type { Severity } from './severity';

const WEIGHT: Record<Severity, number> = { error: 20, warning: 4, info: 0.5 };
const HALF_VALUE_PENALTY = 50;

export const SCORE_FORMULA =
  `score = round(100 × ${HALF_VALUE_PENALTY} / (${HALF_VALUE_PENALTY} + penalty)), where penalty = Σ over rules of weight × log2(1 + findings of the rule), ` +
  `weight error ${WEIGHT.error}, warning ${WEIGHT.warning}, info ${WEIGHT.info}. The first finding of a rule costs the most and each further one less: fixing one of ` +
  '400 identical style notes moves the score far less than fixing one broken chart. The same formula over the findings of ' +
  'one category gives that category\'s score. Hidden (suppressed) findings and context rules do not count';

export type ScoreBand = 'poor' | 'average' | 'good';

/** Lighthouse's bands: 0–49 poor, 50–89 needs work, 90–100 good. */
export function scoreBand(value: number): ScoreBand {
  return value >= 90 ? 'good' : value >= 50 ? 'average' : 'poor';
}

/** Each band's name, as the report and its meaning say it. */
export const SCORE_BAND_NAME: Record<ScoreBand, string> = { poor: 'Poor', average: 'Needs work', good: 'Good' };

export const SCORE_BAND_MEANING: Record<ScoreBand, string> = {
  good: `${SCORE_BAND_NAME.good}: nothing found breaks the app, and what remains are small costs or suggestions.`,
  average: `${SCORE_BAND_NAME.average}: some findings cost memory or calculation time, or break part of the app.`,
  poor: `${SCORE_BAND_NAME.poor}: parts of the app are broken for its users or waste a lot; start with Fix first.`,
};

function penaltyOf(findings: readonly Finding[]): number {
  const perRule = new Map<string, { severity: Severity; count: number }>();
  for (const f of findings) {
    if (f.category === 'context') continue;
    const key = `${f.rule}:${f.severity}`;
    const entry = perRule.get(key) ?? { severity: f.severity, count: 0 };
    entry.count++;
    perRule.set(key, entry);
  }
  let penalty = 0;
  for (const { severity, count } of perRule.values()) penalty += WEIGHT[severity] * Math.log2(1 + count);
  return penalty;
}

const valueOf = (penalty: number) => Math.round((100 * HALF_VALUE_PENALTY) / (HALF_VALUE_PENALTY + penalty));

export function computeScore(findings: readonly Finding[]): Score {
  const penalty = penaltyOf(findings);
  const byCategory = new Map<Category, Finding[]>();
  for (const f of findings) {
    if (f.category === 'context') continue;
    const list = byCategory.get(f.category);
    if (list) list.push(f);
    else byCategory.set(f.category, [f]);
  }
  const categories: Partial<Record<Category, number>> = {};
  for (const [category, list] of byCategory) categories[category] = valueOf(penaltyOf(list));
  return { value: valueOf(penalty), penalty: Math.round(penalty * 100) / 100, categories };
}

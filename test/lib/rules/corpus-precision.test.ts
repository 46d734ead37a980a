// Precision on real apps: each corpus app, served by the simulated tenant with the data model its
// own script creates (test/fixtures/corpus-models), collected and analysed end to end. Every
// error-level finding must be on the app's reviewed list (test/fixtures/corpus-expected/<app>.json):
// a real error with its justification, or a false one listed as known (reported here by name, so
// it stays visible until fixed). Skips, saying so, when the corpus is absent.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../lib/analyze/result';
import { deriveCorpusModels } from '../../../scripts/corpus-models';
import { readReviewedErrors, reviewErrors, reviewWarnings } from './corpus-expected';
import { analyseCorpus, CORPUS_DIR, CORPUS_MODELS_DIR, corpusPresent, type CorpusRun } from './corpus-run';

const present = corpusPresent();
if (!present) console.warn(`corpus precision tests skipped: ${CORPUS_DIR} is absent`);

const line = (f: Finding) => `${f.rule} [${f.target.kind} ${f.target.id} "${f.target.name ?? ''}"] ${f.message}`;

describe.skipIf(!present)('precision on the corpus apps', () => {
  let runs: CorpusRun[] = [];
  beforeAll(async () => {
    runs = await analyseCorpus();
  }, 120_000);
  afterAll(() => {
    runs = [];
  });

  it('serves every corpus app with its derived data model', () => {
    expect(runs.map((r) => r.app).sort()).toEqual(['app-h', 'consumer-sales', 'reload-analyzer']);
    for (const run of runs) expect(run.notes.join('\n'), run.app).toMatch(/corpus-models/);
  });

  it('has committed data models that are what each app\'s script gives now (npm run corpus-models)', async () => {
    for (const { app, text } of await deriveCorpusModels()) {
      const path = join(CORPUS_MODELS_DIR, app, 'tables-and-keys.json');
      expect(existsSync(path) ? readFileSync(path, 'utf8') : '', `${app}: run npm run corpus-models`).toBe(text);
    }
  });

  it.each(['app-h', 'consumer-sales', 'reload-analyzer'])('%s: every error-level finding is a reviewed one', (app) => {
    const run = runs.find((r) => r.app === app);
    expect(run, `${app} was not analysed`).toBeDefined();
    const review = reviewErrors(run?.result.findings ?? [], readReviewedErrors(app));
    if (review.knownFalse.length > 0) {
      console.info(`${app}: ${review.knownFalse.length} known false error(s), being fixed:\n  ${review.knownFalse.map(line).join('\n  ')}`);
    }
    if (review.goneKnownFalse.length > 0) {
      console.info(`${app}: known-false entries no longer reported (remove them from test/fixtures/corpus-expected/${app}.json):\n  ${review.goneKnownFalse.map((e) => `${e.rule} ${e.target}`).join('\n  ')}`);
    }
    expect(review.unreviewed.map(line), `${app}: error-level findings not on test/fixtures/corpus-expected/${app}.json`).toEqual([]);
    expect(review.missingExpected.map((e) => `${e.rule} ${e.target} ${e.message ?? ''}`), `${app}: reviewed real errors the analysis no longer reports`).toEqual([]);
  });

  // Warnings are reviewed per rule and cause with their count (test/fixtures/corpus-expected/<app>.json, "warnings"):
  // a warning no entry covers, or an entry whose count changed, needs a new look at the rule.
  it.each(['app-h', 'consumer-sales', 'reload-analyzer'])('%s: every warning-level finding is covered by a reviewed rule and cause', (app) => {
    const run = runs.find((r) => r.app === app);
    expect(run, `${app} was not analysed`).toBeDefined();
    const review = reviewWarnings(run?.result.findings ?? [], readReviewedErrors(app));
    const falseOnes = review.covered.filter((c) => c.entry.verdict === 'false' && c.findings.length > 0);
    if (falseOnes.length > 0) console.info(`${app}: known false warning(s), being fixed:\n  ${falseOnes.flatMap((c) => c.findings.map(line)).join('\n  ')}`);
    expect(review.unreviewed.map(line), `${app}: warning-level findings no entry of test/fixtures/corpus-expected/${app}.json covers`).toEqual([]);
    const counts = review.covered.map(({ entry, findings }) => `${entry.rule} ${entry.message ?? '*'}: ${findings.length}`);
    expect(counts, `${app}: reviewed warning counts changed: review the rule's new findings and update the count`).toEqual(
      review.covered.map(({ entry }) => `${entry.rule} ${entry.message ?? '*'}: ${entry.count}`),
    );
  });

  it('keeps the known false errors few and documented: each entry says why it is false', () => {
    for (const app of ['app-h', 'consumer-sales', 'reload-analyzer']) {
      for (const entry of readReviewedErrors(app).knownFalse) expect(entry.why, `${app} ${entry.rule}`).toMatch(/^false: /);
      for (const entry of readReviewedErrors(app).warnings.filter((w) => w.verdict === 'false')) expect(entry.why, `${app} ${entry.rule}`).toMatch(/^false: /);
    }
  });
});

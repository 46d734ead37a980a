// `npm run corpus-report`: the findings of every corpus app (../shared/corpus, served by the
// simulated tenant with the data models of test/fixtures/corpus-models), per rule and severity, and
// every error-level finding with its target, message and review status (test/fixtures/corpus-expected),
// the warnings' review per rule and cause (`-- --warnings` also lists every warning with its target):
// precision and noise at a glance. How to read it: README, "Corpus report".
import { pathToFileURL } from 'node:url';
import type { Finding } from '../lib/analyze/result';
import type { Severity } from '../lib/analyze/severity';
import { readReviewedErrors, reviewErrors, reviewWarnings, type Review, type WarningReview } from '../test/lib/rules/corpus-expected';
import { analyseCorpus, CORPUS_DIR, corpusPresent, type CorpusRun } from '../test/lib/rules/corpus-run';

const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

function ruleTable(findings: readonly Finding[], names: Map<string, string>): string[] {
  const counts = new Map<string, Record<Severity, number>>();
  for (const f of findings) {
    const row = counts.get(f.rule) ?? { error: 0, warning: 0, info: 0 };
    row[f.severity]++;
    counts.set(f.rule, row);
  }
  const rows = [...counts].sort(([a, x], [b, y]) => y.error - x.error || y.warning - x.warning || y.info - x.info || a.localeCompare(b));
  const lines = ['  rule   error  warning   info  name'];
  for (const [rule, c] of rows) lines.push(`  ${rule.padEnd(5)} ${String(c.error).padStart(6)} ${String(c.warning).padStart(8)} ${String(c.info).padStart(6)}  ${names.get(rule) ?? ''}`);
  return lines;
}

function target(f: Finding): string {
  const where = f.target.sheet ? ` on sheet "${f.target.sheet.name ?? f.target.sheet.id}"` : '';
  return `${f.target.kind} ${f.target.id}${f.target.name && f.target.name !== f.target.id ? ` "${f.target.name}"` : ''}${where}`;
}

/** The report of one app, as lines. */
export function formatAppReport(run: CorpusRun, review: Review, warningReview: WarningReview, options: { warnings?: boolean } = {}): string[] {
  const { findings, rules } = run.result;
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  const names = new Map(rules.map((r) => [r.rule, r.name]));
  const lines = [
    `== ${run.app} ("${run.title}"): ${findings.length} findings: ${bySeverity.error} error, ${bySeverity.warning} warning, ${bySeverity.info} info`,
    ...ruleTable(findings, names),
  ];
  const failed = rules.filter((r) => r.status === 'error');
  const couldNot = rules.filter((r) => r.status === 'could-not-run');
  if (failed.length) lines.push(`  rules that threw: ${failed.map((r) => `${r.rule} (${r.reason ?? ''})`).join(', ')}`);
  if (couldNot.length) lines.push(`  rules that could not run: ${couldNot.map((r) => r.rule).join(', ')}`);
  const errors = findings.filter((f) => f.severity === 'error');
  lines.push(`  error-level findings: ${errors.length} (${review.expected.length} reviewed real, ${review.knownFalse.length} known false, ${review.unreviewed.length} NOT REVIEWED)`);
  const status = (f: Finding) => (review.expected.includes(f) ? 'real' : review.knownFalse.includes(f) ? 'KNOWN FALSE' : 'NOT REVIEWED');
  for (const f of errors) lines.push(`    [${status(f)}] ${f.rule} ${target(f)}: ${f.message}`);
  for (const e of review.missingExpected) lines.push(`    [MISSING] ${e.rule} ${e.target}: a reviewed real error the analysis no longer reports`);
  for (const e of review.goneKnownFalse) lines.push(`    [GONE] ${e.rule} ${e.target}: known false, no longer reported (remove it from the list)`);
  const warnings = findings.filter((f) => f.severity === 'warning');
  const changed = warningReview.covered.filter((c) => c.findings.length !== c.entry.count);
  lines.push(`  warning-level findings: ${warnings.length} (${warnings.length - warningReview.unreviewed.length} covered by reviewed rule and cause, ${warningReview.unreviewed.length} NOT REVIEWED, ${changed.length} reviewed count(s) changed)`);
  for (const { entry, findings: covered } of warningReview.covered) {
    const count = covered.length === entry.count ? `${covered.length}` : `${covered.length}, reviewed ${entry.count}: CHANGED`;
    lines.push(`    [${entry.verdict}] ${entry.rule}${entry.message ? ` "${entry.message}"` : ''} (${count})`);
  }
  const listed = options.warnings ? warnings : warningReview.unreviewed;
  for (const f of listed) lines.push(`    ${warningReview.unreviewed.includes(f) ? '[NOT REVIEWED] ' : ''}${f.rule} ${target(f)}: ${f.message}`);
  return lines;
}

async function main(): Promise<void> {
  if (!corpusPresent()) {
    console.error(`corpus-report: ${CORPUS_DIR} is absent, nothing to report`);
    process.exit(2);
  }
  const started = Date.now();
  const runs = await analyseCorpus();
  const out: string[] = [`Corpus report: ${runs.length} apps from ${CORPUS_DIR}`];
  let unreviewed = 0;
  let unreviewedWarnings = 0;
  for (const run of runs) {
    const reviewed = readReviewedErrors(run.app);
    const review = reviewErrors(run.result.findings, reviewed);
    const warningReview = reviewWarnings(run.result.findings, reviewed);
    unreviewed += review.unreviewed.length + review.missingExpected.length;
    unreviewedWarnings += warningReview.unreviewed.length + warningReview.covered.filter((c) => c.findings.length !== c.entry.count).length;
    out.push('', ...formatAppReport(run, review, warningReview, { warnings: process.argv.includes('--warnings') }));
  }
  const warningsStatus = unreviewedWarnings === 0 ? 'every warning is covered by a reviewed rule and cause' : `${unreviewedWarnings} warning(s) or reviewed count(s) to review`;
  out.push('', `${unreviewed === 0 ? 'every error-level finding is reviewed' : `${unreviewed} error-level finding(s) to review`}; ${warningsStatus} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(out.join('\n'));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();

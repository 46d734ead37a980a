// The findings the user hid, per app (storage.local). The background passes them to the analyser
// on every run (lib/analyze/config.ts `suppressions`); the side panel also applies a change to
// the stored result at once, so the finding moves to "hidden" without a new analysis.
import { z } from '../schema/zod';
import type { AnalysisResult, Finding } from '../analyze/result';
import { computeScore } from '../analyze/score';
import { splitSuppressed, suppressionFor, Suppression } from '../analyze/suppression';
import { perAppStore } from './per-app-store';

const hiddenFindings = perAppStore('local:suppressions', z.array(Suppression), 'hidden findings cannot be read; starting with none');

export async function loadSuppressions(appKey: string): Promise<Suppression[]> {
  return (await hiddenFindings.get(appKey)) ?? [];
}

const sameSuppression = (a: Suppression, b: Suppression) => a.rule === b.rule && a.target === b.target && a.contentHash === b.contentHash;

/** Hides (or shows again) one finding of the app; returns the app's suppressions after the change. */
export async function setFindingHidden(appKey: string, finding: Finding, hidden: boolean, now = () => new Date()): Promise<Suppression[]> {
  const entry = suppressionFor(finding, undefined, now().toISOString());
  const next = await hiddenFindings.update(appKey, (current = []) => {
    const others = current.filter((s) => !sameSuppression(s, entry));
    return hidden ? [...others, entry] : others;
  });
  return next ?? [];
}

/** The result as the analyser would have made it with these suppressions: findings re-split, counts updated. Pure. */
export function applySuppressions(result: AnalysisResult, suppressions: readonly Suppression[]): AnalysisResult {
  const { shown, hidden } = splitSuppressed([...result.findings, ...result.suppressedFindings], suppressions);
  const order = new Map([...result.findings, ...result.suppressedFindings].map((f, i) => [f.id, i]));
  const byOrder = (a: Finding, b: Finding) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0);
  const findings = [...shown].sort(byOrder);
  const zero = () => ({ error: 0, warning: 0, info: 0 });
  const bySeverity = zero();
  const byCategory = Object.fromEntries(Object.keys(result.summary.byCategory).map((c) => [c, zero()])) as AnalysisResult['summary']['byCategory'];
  for (const f of findings) {
    bySeverity[f.severity]++;
    (byCategory[f.category] ??= zero())[f.severity]++;
  }
  const hiddenByRule = new Map<string, number>();
  for (const f of hidden) hiddenByRule.set(f.rule, (hiddenByRule.get(f.rule) ?? 0) + 1);
  const rules = result.rules.map((run) => {
    const suppressed = hiddenByRule.get(run.rule) ?? 0;
    return { ...run, findings: run.findings + run.suppressed - suppressed, suppressed };
  });
  return {
    ...result,
    findings,
    suppressedFindings: [...hidden].sort(byOrder),
    rules,
    score: computeScore(findings),
    summary: { ...result.summary, total: findings.length, bySeverity, byCategory, suppressed: hidden.length },
  };
}

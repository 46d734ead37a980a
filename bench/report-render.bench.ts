// Time to the first render of the side panel report (Overview, then Findings grouped with Fix
// first) on the largest real app of ../shared/corpus, collected from the simulated tenant and
// analysed, next to a baseline measured in the same run: the Findings view with 100 findings.
// Skipped, saying so, when the corpus is absent.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { h, render } from 'preact';
import { bestOf, installDom } from './dom-render';
import type { BenchResult } from './run';
import type { AnalysisResult } from '../lib/analyze/result';
import type { AppSnapshot } from '../lib/snapshot/schema';

const CORPUS = fileURLToPath(new URL('../../shared/corpus', import.meta.url));

/** Every corpus app collected and analysed; the one with the most findings. */
async function largestCorpusApp(): Promise<{ name: string; snapshot: AppSnapshot; result: AnalysisResult }> {
  const { startSimulator } = await import('../test/sim/index');
  const { connectWs } = await import('../test/lib/collect/sim-harness');
  const { collectApp } = await import('../lib/collect/index');
  const { analyse } = await import('../lib/rules/analyse');
  const sim = await startSimulator({ http: true, appsDir: CORPUS });
  let largest: { name: string; snapshot: AppSnapshot; result: AnalysisResult } | undefined;
  try {
    for (const app of sim.apps) {
      const { engine, rest } = await connectWs(sim, app.id);
      try {
        const snapshot = await collectApp({ engine, rest, appId: app.id, source: { host: sim.url, mode: 'test' }, timings: false });
        const result = analyse(snapshot);
        if (!largest || result.findings.length > largest.result.findings.length) largest = { name: app.source.split('/').pop() ?? app.id, snapshot, result };
      } finally {
        await engine.close();
      }
    }
  } finally {
    await sim.close();
  }
  if (!largest) throw new Error('no corpus app');
  return largest;
}

export default async function bench(): Promise<BenchResult[]> {
  if (!existsSync(CORPUS)) {
    console.warn(`report-render bench skipped: ${CORPUS} is absent`);
    return [];
  }
  const app = await largestCorpusApp();
  const window = installDom(['ResizeObserver']);
  const { ReportView } = await import('../components/report/ReportView');
  const { FindingsView } = await import('../components/report/FindingsView');
  const { defaultCanShowInApp } = await import('../components/report/labels');
  const { createFormatter } = await import('../lib/report/format');
  const { RULES } = await import('../lib/rules/index');
  const document = window.document as unknown as Document;

  const renderReport = (tab: 'overview' | 'findings') => () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(h(ReportView, { result: app.result, snapshot: app.snapshot, rules: RULES, locale: 'en-US', initialTab: tab }), root);
    if (!root.querySelector('[role="tabpanel"]')?.textContent) throw new Error('nothing rendered');
    render(null, root);
    root.remove();
  };
  const few = app.result.findings.slice(0, 100);
  const fmt = createFormatter('en-US');
  const baseline = bestOf(() => {
    const root = document.createElement('div');
    document.body.append(root);
    render(h(FindingsView, { findings: few, suppressed: [], ruleDoc: () => undefined, fmt, canShowInApp: defaultCanShowInApp }), root);
    render(null, root);
    root.remove();
  });
  const overview = bestOf(renderReport('overview'));
  const findings = bestOf(renderReport('findings'));
  await window.happyDOM.close();
  const label = `${app.name}, ${app.result.findings.length.toLocaleString('en-US')} findings`;
  const base = { name: 'the Findings view with 100 findings', value: baseline };
  return [
    { name: `first render of the report (Overview), ${label}`, value: overview, unit: 'ms', baseline: base, target: 'under 200 ms', meetsTarget: overview < 200 },
    { name: `first render of the report (Findings, grouped, Fix first), ${label}`, value: findings, unit: 'ms', baseline: base, target: 'under 200 ms', meetsTarget: findings < 200 },
  ];
}

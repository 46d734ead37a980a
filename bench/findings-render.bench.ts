// Time to first render of the Findings view with 10,000 findings in happy-dom, next to baselines
// measured in the same run: the same view with 100 findings, and building the 10,000 rows as one
// plain HTML string into the same document (what a non-virtual list costs at least).
import { h, render } from 'preact';
import { bestOf, installDom } from './dom-render';
import type { BenchResult } from './run';
import type { Finding } from '../lib/analyze/result';

const COUNT = 10_000;

function findings(count: number): Finding[] {
  const rules = [
    { rule: 'Q02', name: 'unknown-field', category: 'quality', severity: 'error' },
    { rule: 'P01', name: 'slow-object', category: 'performance', severity: 'warning' },
    { rule: 'D08', name: 'missing-object-title', category: 'design', severity: 'info' },
  ] as const;
  return Array.from({ length: count }, (_, i) => {
    const r = rules[i % rules.length];
    return {
      id: `f-${i}`,
      ...r,
      message: `Object "Chart ${i}" has a problem with expression number ${i}`,
      target: { kind: 'object', id: `o-${i}`, name: `Chart ${i}`, sheet: { id: `s-${i % 20}`, name: `Sheet ${i % 20}` } },
      contentHash: `h${i}`,
    } satisfies Finding;
  });
}

export default async function bench(): Promise<BenchResult[]> {
  const window = installDom();
  const { FindingsView } = await import('../components/report/FindingsView');
  const { defaultCanShowInApp } = await import('../components/report/labels');
  const { createFormatter } = await import('../lib/report/format');
  const document = window.document as unknown as Document;
  const fmt = createFormatter('en-US');
  const many = findings(COUNT);
  const few = many.slice(0, 100);

  const renderView = (list: Finding[]) => () => {
    const root = document.createElement('div');
    document.body.append(root);
    render(h(FindingsView, { findings: list, suppressed: [], ruleDoc: () => undefined, fmt, canShowInApp: defaultCanShowInApp }), root);
    if (root.querySelectorAll('[role="option"]').length === 0) throw new Error('nothing rendered');
    render(null, root);
    root.remove();
  };
  const virtual = bestOf(renderView(many));
  const small = bestOf(renderView(few));
  const plain = bestOf(() => {
    const root = document.createElement('div');
    document.body.append(root);
    let html = '';
    for (const f of many) html += `<div class="qr-row"><span class="chip">${f.severity}</span><span>${f.rule}</span><span>${escape(f.target.name ?? '')}</span><div>${escape(f.message)}</div></div>`;
    root.innerHTML = html;
    root.remove();
  });
  await window.happyDOM.close();
  return [
    {
      name: `first render, ${COUNT.toLocaleString('en-US')} findings (virtual list)`,
      value: virtual,
      unit: 'ms',
      baseline: { name: 'the same view with 100 findings', value: small },
      target: 'under 5× the 100-finding render, and under 500 ms',
      meetsTarget: virtual < 5 * small && virtual < 500,
    },
    {
      name: `first render, ${COUNT.toLocaleString('en-US')} findings (virtual list) vs plain HTML string of all rows`,
      value: virtual,
      unit: 'ms',
      baseline: { name: `innerHTML of ${COUNT.toLocaleString('en-US')} rows`, value: plain },
      target: 'faster than building every row',
      meetsTarget: virtual < plain,
    },
  ];
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

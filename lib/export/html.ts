// The HTML export: one self-contained file that opens offline and prints. No script, no remote
// asset (a Content-Security-Policy of default-src 'none' makes sure of it), inline CSS with the
// side panel's colours (light and dark), every text escaped, names isolated for right-to-left text.
import { type Finding } from '../analyze/result';
import { SEVERITIES } from '../analyze/severity-order';
import { createFormatter, type Formatter } from '../report/format';
import { CATEGORY_NAME, CONNECTION_MODE_LABEL, SEVERITY_NAME, SEVERITY_PLURAL, TARGET_KIND_LABEL } from '../report/labels';
import { describeChange } from './compare';
import { exportedAtOf, exportedFindings, notRunReasons, ruleDocUrl, type ExportedFinding, type ExportInput } from './input';
import { isUnusedFieldFinding, renderDropFields } from './drop-fields';


export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const h = escapeHtml;
const name = (text: string) => `<bdi>${h(text)}</bdi>`;

const STYLE = `
:root { color-scheme: light dark; --bg:#fff; --surface:#f4f6fb; --border:#d5dbe8; --text:#1b2333; --muted:#4a5568; --brand:#25388c;
  --error-bg:#fde2e2; --error-text:#8f1d1d; --warning-bg:#fdf0c4; --warning-text:#7a3d06; --info-bg:#dde8fd; --info-text:#1d3a8f; --ok-text:#14652f;
  font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }
@media (prefers-color-scheme: dark) { :root { --bg:#12161f; --surface:#1b2130; --border:#343d52; --text:#eef1f7; --muted:#aab3c5; --brand:#8ea2f2;
  --error-bg:#4d1717; --error-text:#ffd6d6; --warning-bg:#4a3208; --warning-text:#ffe7a8; --info-bg:#182c5c; --info-text:#d6e2ff; --ok-text:#8fe0a8; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); }
header { display: flex; align-items: center; gap: 10px; padding: 12px 16px; border-bottom: 1px solid var(--border); }
.logo { width: 28px; height: 28px; border-radius: 6px; background: var(--brand); color: var(--bg); display: grid; place-items: center; font-weight: 700; }
.subtitle { font-size: 12px; color: var(--muted); }
main { padding: 12px 16px 16px; max-width: 1100px; }
h1, h2, h3 { margin: 0; line-height: 1.25; } h1 { font-size: 16px; } h2 { font-size: 15px; margin: 16px 0 8px; } h3 { font-size: 14px; margin: 12px 0 6px; }
p { margin: 0 0 8px; } a { color: var(--brand); }
.muted { color: var(--muted); }
.card { background: var(--surface); border: 1px solid var(--border); border-radius: 8px; padding: 12px; margin-bottom: 12px; }
.score { font-size: 28px; font-weight: 700; }
.chips { display: flex; gap: 6px; flex-wrap: wrap; margin: 0; padding: 0; list-style: none; }
.chip { border-radius: 999px; padding: 2px 10px; font-size: 12px; font-weight: 600; }
.sev-error { background: var(--error-bg); color: var(--error-text); } .sev-warning { background: var(--warning-bg); color: var(--warning-text); } .sev-info { background: var(--info-bg); color: var(--info-text); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0 0; } dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
table { width: 100%; border-collapse: collapse; font-size: 13px; margin-bottom: 12px; table-layout: fixed; }
col.sev { width: 6.5em; } col.rule { width: 22%; } col.where { width: 26%; }
.chip { white-space: nowrap; }
caption { text-align: start; font-weight: 600; padding: 4px 0; }
th, td { border-bottom: 1px solid var(--border); padding: 4px; text-align: start; vertical-align: top; overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre { margin: 4px 0; padding: 8px; background: var(--bg); border: 1px solid var(--border); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
mark { background: var(--error-bg); color: var(--error-text); text-decoration: underline wavy; }
.tag { font-size: 11px; border: 1px solid var(--border); border-radius: 4px; padding: 0 4px; color: var(--muted); }
footer { padding: 8px 16px 24px; font-size: 12px; color: var(--muted); }
@media print { :root { color-scheme: light; } body { background: #fff; color: #000; } .card { break-inside: avoid; } tr { break-inside: avoid; } pre { max-height: none; } header { border: 0; } }
`;

function expressionHtml(finding: Finding): string {
  const e = finding.expression;
  if (!e) return '';
  const from = Math.min(Math.max(0, e.from), e.text.length);
  const to = Math.min(Math.max(from, e.to), e.text.length);
  const marked = to > from ? `${h(e.text.slice(0, from))}<mark>${h(e.text.slice(from, to))}</mark>${h(e.text.slice(to))}` : h(e.text);
  return `<pre dir="ltr"><code>${marked}</code></pre>`;
}

function whereHtml(finding: Finding): string {
  const t = finding.target;
  const label = t.name && t.name !== t.id ? `${name(t.name)} <code>${h(t.id)}</code>` : `<code>${h(t.id)}</code>`;
  const sheet = t.sheet ? `<br><span class="muted">on sheet ${name(t.sheet.name ?? t.sheet.id)}</span>` : '';
  const path = finding.path ? `<br><code class="muted">${h(finding.path)}</code>` : '';
  return `${h(TARGET_KIND_LABEL[t.kind] ?? t.kind)} ${label}${sheet}${path}`;
}

function ruleHtml(input: ExportInput, finding: Finding): string {
  const url = ruleDocUrl(input, finding.name);
  const code = `<code>${h(finding.rule)}</code> ${h(finding.name)}`;
  return url ? `<a href="${h(url)}">${code}</a>` : code;
}

function findingsTable(input: ExportInput, caption: string, entries: readonly ExportedFinding[]): string {
  if (entries.length === 0) return '';
  const rows = entries
    .map(({ finding: f, hidden, fingerprint }) => {
      const marker = hidden ? ' <span class="tag">hidden</span>' : '';
      return `<tr data-fingerprint="${h(fingerprint)}"><td><span class="chip sev-${f.severity}">${h(SEVERITY_NAME[f.severity])}</span>${marker}</td><td>${ruleHtml(input, f)}<br><span class="muted">${h(CATEGORY_NAME[f.category] ?? f.category)}</span></td><td>${whereHtml(f)}</td><td>${h(f.message)}${expressionHtml(f)}</td></tr>`;
    })
    .join('\n');
  return `<table><caption>${h(caption)}</caption><colgroup><col class="sev"><col class="rule"><col class="where"><col></colgroup><thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Where</th><th scope="col">Finding</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function factsHtml(input: ExportInput, fmt: Formatter): string {
  const { result, metrics, source } = input;
  const facts: [string, string][] = [
    ['App', name(result.app.name || result.app.id)],
    ['App id', `<code>${h(result.app.id)}</code>`],
  ];
  if (source?.host) facts.push(['Tenant', h(source.host)]);
  if (source?.connectionMode) facts.push(['Connection', h(CONNECTION_MODE_LABEL[source.connectionMode] ?? source.connectionMode)]);
  facts.push(['Analysed', h(fmt.dateTime(result.analysedAt))], ['Took', h(fmt.duration(result.durationMs))]);
  if (metrics?.appMemoryBytes !== undefined) facts.push(['App memory', h(fmt.bytes(metrics.appMemoryBytes))]);
  if (metrics?.fieldCount !== undefined) facts.push(['Fields', h(fmt.number(metrics.fieldCount))]);
  if (metrics?.unusedFields) facts.push(['Unused fields', h(`${fmt.number(metrics.unusedFields.count)} (${fmt.bytes(metrics.unusedFields.bytes)})`)]);
  facts.push(['Hidden findings', h(fmt.number(result.suppressedFindings.length))]);
  return `<dl class="facts">${facts.map(([k, v]) => `<dt>${h(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
}

function comparisonHtml(input: ExportInput, fmt: Formatter): string {
  const c = input.comparison;
  if (!c) return '';
  const list = (title: string, entries: readonly { finding: Finding }[]) =>
    entries.length === 0
      ? ''
      : `<h3>${h(title)} (${h(fmt.number(entries.length))})</h3><ul>${entries
          .slice(0, 50)
          .map(({ finding: f }) => `<li><span class="chip sev-${f.severity}">${h(SEVERITY_NAME[f.severity])}</span> <code>${h(f.rule)}</code> ${h(f.message)}</li>`)
          .join('')}</ul>${entries.length > 50 ? `<p class="muted">… and ${h(fmt.number(entries.length - 50))} more</p>` : ''}`;
  return `<section class="card" aria-labelledby="changes"><h2 id="changes">Since the previous analysis</h2><p>${h(describeChange(c, fmt.dateTime))}</p>${list('New', c.newFindings.filter((e) => !e.hidden))}${list('Fixed', c.fixedFindings.filter((e) => !e.hidden))}</section>`;
}

export function renderHtml(input: ExportInput): string {
  const { result } = input;
  const fmt = createFormatter(input.locale);
  const all = exportedFindings(result);
  const shown = all.filter((e) => !e.hidden);
  const hidden = all.filter((e) => e.hidden);
  const counts = result.summary.bySeverity;
  const reasons = notRunReasons(result, input.metrics);
  const drop = result.findings.some(isUnusedFieldFinding) ? renderDropFields(input) : '';
  const title = `Qlarity report: ${result.app.name || result.app.id}`;
  const body = [
    `<section class="card" aria-labelledby="summary"><h2 id="summary">Summary</h2>`,
    `<p><span class="score">${h(fmt.number(Math.round(result.score.value)))}</span> <span class="muted">/ 100 quality score</span></p>`,
    `<ul class="chips" aria-label="Findings by severity">${SEVERITIES.map((s) => `<li class="chip sev-${s}">${h(SEVERITY_PLURAL[s])}: ${h(fmt.number(counts[s]))}</li>`).join('')}</ul>`,
    factsHtml(input, fmt),
    `</section>`,
    comparisonHtml(input, fmt),
    `<section aria-labelledby="findings"><h2 id="findings">Findings (${h(fmt.number(shown.length))})</h2>`,
    shown.length === 0 ? '<p class="muted">No findings.</p>' : SEVERITIES.map((s) => findingsTable(input, `${SEVERITY_PLURAL[s]} (${fmt.number(shown.filter((e) => e.finding.severity === s).length)})`, shown.filter((e) => e.finding.severity === s))).join('\n'),
    `</section>`,
    hidden.length ? `<section aria-labelledby="hidden"><h2 id="hidden">Hidden findings (${h(fmt.number(hidden.length))})</h2><p class="muted">Hidden by the user; not counted in the score.</p>${findingsTable(input, 'Hidden findings', hidden)}</section>` : '',
    reasons.length
      ? `<section class="card" aria-labelledby="not-run"><h2 id="not-run">Not analysed</h2><ul>${reasons.map((r) => `<li>${h(r.message)}</li>`).join('')}</ul></section>`
      : '',
    drop ? `<section class="card" aria-labelledby="drop"><h2 id="drop">Unused fields: DROP FIELDS</h2><pre dir="ltr"><code>${h(drop)}</code></pre></section>` : '',
  ].join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${h(`${input.generator?.name ?? 'qlarity'} ${input.generator?.version ?? ''}`.trim())}">
<title>${h(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><div class="logo" aria-hidden="true">Q</div><div><h1>Qlarity report</h1><div class="subtitle">${name(result.app.name || result.app.id)}</div></div></header>
<main>
${body}
</main>
<footer>Exported ${h(fmt.dateTime(exportedAtOf(input)))} by Qlarity${input.generator ? ` ${h(input.generator.version)}` : ''}. Each finding row carries its stable fingerprint (data-fingerprint).</footer>
</body>
</html>
`;
}

// The Markdown export: for a ticket or a pull-request comment. The score and counts, what changed
// since the previous analysis (when a comparison is given), the top findings worst first, the hidden
// ones apart (marked), what was not analysed, and the DROP FIELDS statement. Rule codes link to their
// docs only when a docs base URL is given; otherwise the text is link-free. Every piece of app text
// is escaped so that a hostile name cannot open a link, an image, HTML or break the table.
import { type Finding } from '../analyze/result';
import { SEVERITIES } from '../analyze/severity-order';
import { createFormatter } from '../report/format';
import { SEVERITY_NAME, SEVERITY_PLURAL } from '../report/labels';
import { describeChange } from './compare';
import { exportedFindings, notRunReasons, ruleDocUrl, type ExportedFinding, type ExportInput } from './input';
import { isUnusedFieldFinding, renderDropFields } from './drop-fields';
import { sourcePlaces, type RepositoryPlace } from './source-places';

export interface MarkdownOptions {
  /** how many findings the table lists (default 20) */
  top?: number;
}


/** Text safe inside a Markdown paragraph or table cell: no HTML, no emphasis, links or images, one line. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]|<>~]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/^(\s*)-/, '$1\\-')
    // GitHub turns bare addresses into links (autolinks): break them so the text stays link-free
    .replace(/\b(https?|ftp|mailto):/gi, '$1\\:')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`);
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}

function where(f: Finding, place: RepositoryPlace | undefined): string {
  const t = f.target;
  const label = t.name && t.name !== t.id ? `${escapeMarkdown(t.name)} (${escapeMarkdown(t.id)})` : escapeMarkdown(t.id);
  const file = place ? ` in ${escapeMarkdown(`${place.path}:${place.startLine}`)}` : '';
  return `${escapeMarkdown(t.kind)} ${label}${t.sheet ? ` on sheet ${escapeMarkdown(t.sheet.name ?? t.sheet.id)}` : ''}${file}`;
}

export function renderMarkdown(input: ExportInput, options: MarkdownOptions = {}): string {
  const { result } = input;
  const fmt = createFormatter(input.locale);
  const top = Math.max(0, options.top ?? 20);
  const all = exportedFindings(result);
  const shown = all.filter((e) => !e.hidden);
  const hiddenCount = all.length - shown.length;
  const counts = result.summary.bySeverity;
  const lines: string[] = [];
  lines.push(`### Qlarity: ${escapeMarkdown(result.app.name || result.app.id)}`, '');
  lines.push(
    `**Score ${fmt.number(Math.round(result.score.value))}/100** · ${SEVERITIES.map((s) => `${fmt.number(counts[s])} ${SEVERITY_PLURAL[s].toLowerCase()}`).join(' · ')}` +
      `${hiddenCount ? ` · ${fmt.number(hiddenCount)} hidden` : ''} · analysed ${escapeMarkdown(fmt.dateTime(result.analysedAt))}`,
    '',
  );
  if (input.comparison) lines.push(`**Since the previous analysis:** ${escapeMarkdown(describeChange(input.comparison, fmt.dateTime))}`, '');
  const placeOf = input.sources ? sourcePlaces(input.sources) : () => undefined;
  const table = (entries: readonly ExportedFinding[], more: string) => {
    lines.push(`| Severity | Rule | Where | Finding |`, `| --- | --- | --- | --- |`);
    for (const { finding: f } of entries.slice(0, top)) {
      const url = ruleDocUrl(input, f.name);
      const rule = url ? `[${escapeMarkdown(f.rule)} ${escapeMarkdown(f.name)}](${url.replace(/[()\s]/g, encodeURIComponent)})` : `${escapeMarkdown(f.rule)} ${escapeMarkdown(f.name)}`;
      lines.push(`| ${SEVERITY_NAME[f.severity]} | ${rule} | ${where(f, placeOf(f))} | ${escapeMarkdown(f.message)} |`);
    }
    if (entries.length > top) lines.push('', `… and ${fmt.number(entries.length - top)} more ${more} (the JSON, CSV or HTML export lists them all).`);
    lines.push('');
  };
  if (shown.length === 0) lines.push('No findings.', '');
  else table(shown, 'findings');
  const hidden = all.filter((e) => e.hidden);
  if (hidden.length) {
    lines.push(`**Hidden by the user (${fmt.number(hidden.length)}), not counted above:**`, '');
    table(hidden, 'hidden findings');
  }
  const reasons = notRunReasons(result, input.metrics);
  if (reasons.length) {
    lines.push('**Not analysed:**', '');
    for (const r of reasons) lines.push(`- ${escapeMarkdown(r.message)}`);
    lines.push('');
  }
  if (shown.some((e) => isUnusedFieldFinding(e.finding))) lines.push('**Unused fields:**', '', fenced(renderDropFields(input)), '');
  return lines.join('\n');
}

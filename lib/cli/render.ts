// One call from an analysis to the text of the chosen format. `text` is the CLI's own terminal
// listing (output.ts); json, sarif, html, md and csv are the extension's export renderers
// (lib/export renderExport), so a file from the CLI and one from the side panel's Export menu are
// the same document.
import type { AnalysisResult } from '../analyze/result';
import { type ExportFormat, metricsOf, renderExport } from '../export/index';
import type { AppSnapshot } from '../snapshot/schema';
import type { OutputFormat } from './formats';
import { type CliOutput, formatText } from './output';
import { QLARITY_VERSION } from './version';

export interface RenderInput {
  output: CliOutput;
  snapshot: AppSnapshot;
  result?: AnalysisResult;
}

const EXPORT_FORMAT: Record<Exclude<OutputFormat, 'text'>, ExportFormat> = { json: 'json', sarif: 'sarif', html: 'html', md: 'markdown', csv: 'csv' };

export function renderCliOutput(format: OutputFormat, input: RenderInput): string {
  if (format === 'text') return formatText(input.output);
  const { result, snapshot, output } = input;
  if (!result) throw new Error(`--format ${format} needs the rules' result, and the rules could not run: ${output.errors[0]?.message ?? 'unknown reason'}`);
  const content = renderExport(EXPORT_FORMAT[format], {
    result,
    metrics: metricsOf(result, snapshot),
    source: { host: snapshot.source.host, connectionMode: 'cli' },
    generator: { name: 'qlarity', version: QLARITY_VERSION },
    ...(snapshot.sources ? { sources: snapshot.sources } : {}),
  }).content;
  if (format !== 'json' || !output.baseline) return content;
  // with --baseline the JSON also says which findings are new (readers of the export ignore the extra key)
  const newFingerprints = output.findings.filter((f) => f.new).map((f) => f.fingerprint);
  return `${JSON.stringify({ ...(JSON.parse(content) as object), baseline: { ...output.baseline, newFingerprints } }, null, 2)}\n`;
}

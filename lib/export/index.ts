// Exports of one analysis, shared by the side panel's Export menu and the CLI's `--format`:
// one renderer per format, one entry point. Pure: a string out, the caller writes or downloads it.
//
// Public API (keep these signatures stable; the CLI imports them):
//   renderExport(format: ExportFormat, input: ExportInput): RenderedExport
//   EXPORT_FORMATS, ExportFormat, ExportInput (lib/export/input.ts)
//   compareAnalyses, describeChange (lib/export/compare.ts), fingerprintOf / fingerprintAll (fingerprint.ts)
//   metricsOf(result, snapshot) (metrics.ts): the facts an export and a comparison read besides the result
//   parseJsonExport(text) (json.ts): a JSON export read back, for imports
//
// Formats: json (the versioned contract, README "JSON export"), html (self-contained, printable),
// markdown (tickets, pull requests), csv (one row per finding, UTF-8 with BOM), sarif (2.1.0),
// drop-fields (the DROP FIELDS statement for high-confidence unused fields).
import { renderCsv } from './csv';
import { renderDropFields } from './drop-fields';
import { type ExportFormat } from './formats';
import { renderHtml } from './html';
import type { ExportInput } from './input';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';

export { EXPORT_FORMATS, ExportFormat, exportFormatLabel } from './formats';

export interface RenderedExport {
  format: ExportFormat;
  content: string;
  /** with charset, for a Blob or an HTTP response */
  mimeType: string;
  /** a safe file name: qlarity-<app name>-<analysis time>.<extension> */
  fileName: string;
}

const FORMAT_INFO: Record<ExportFormat, { extension: string; mimeType: string; render(input: ExportInput): string }> = {
  json: { extension: 'json', mimeType: 'application/json;charset=utf-8', render: renderJson },
  html: { extension: 'html', mimeType: 'text/html;charset=utf-8', render: renderHtml },
  markdown: { extension: 'md', mimeType: 'text/markdown;charset=utf-8', render: (input) => renderMarkdown(input) },
  csv: { extension: 'csv', mimeType: 'text/csv;charset=utf-8', render: renderCsv },
  sarif: { extension: 'sarif', mimeType: 'application/sarif+json;charset=utf-8', render: renderSarif },
  'drop-fields': { extension: 'qvs', mimeType: 'text/plain;charset=utf-8', render: renderDropFields },
};

export function renderExport(format: ExportFormat, input: ExportInput): RenderedExport {
  const info = FORMAT_INFO[format];
  return { format, content: info.render(input), mimeType: info.mimeType, fileName: exportFileName(input, info.extension) };
}

/** qlarity-<app name>-<yyyy-mm-ddThh-mm>.<ext>, with only letters, digits, '-', '_' and '.' from the name. */
export function exportFileName(input: Pick<ExportInput, 'result'>, extension: string): string {
  const app = (input.result.app.name || input.result.app.id)
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 60) || 'app';
  const time = Number.isNaN(Date.parse(input.result.analysedAt)) ? 'unknown-time' : new Date(input.result.analysedAt).toISOString().slice(0, 16).replace(/:/g, '-');
  return `qlarity-${app}-${time}.${extension}`;
}

export type { ExportInput, ExportedFinding, NotRunReason } from './input';
export { exportedFindings, notRunReasons } from './input';
export { compareAnalyses, describeChange, describeCounts, timingNoiseMs, TIMING_NOISE_RULE, type Comparison, type ComparedAnalysis, type ComparedFinding, type NumberDelta, type ObjectTimeDelta, type UnchangedFinding } from './compare';
export { fingerprintAll, fingerprintOf, normaliseExpressionText, FINGERPRINT_VERSION } from './fingerprint';
export { AnalysisMetrics, metricsOf } from './metrics';
export { ImportError, JsonExport, JSON_EXPORT_FORMAT, JSON_EXPORT_VERSION, parseJsonExport, toJsonExport, type ImportedAnalysis } from './json';
export { toSarif, SARIF_FINGERPRINT_KEY } from './sarif';
export { dropFieldsStatement } from '../rules/shared/drop-fields-statement';

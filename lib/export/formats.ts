// The export formats and their menu labels, apart from the renderers (lib/export/index.ts): the
// side panel shows the menu at once and loads the renderers only when a file is asked for.
import { z } from '../schema/zod';

export const ExportFormat = z.enum(['json', 'html', 'markdown', 'csv', 'sarif', 'drop-fields']);
export type ExportFormat = z.infer<typeof ExportFormat>;
export const EXPORT_FORMATS: readonly ExportFormat[] = ExportFormat.options;

const LABELS: Record<ExportFormat, string> = {
  json: 'JSON',
  html: 'HTML report',
  markdown: 'Markdown',
  csv: 'CSV (Excel)',
  sarif: 'SARIF 2.1.0',
  'drop-fields': 'DROP FIELDS script',
};

/** The menu label of a format. */
export const exportFormatLabel = (format: ExportFormat): string => LABELS[format];

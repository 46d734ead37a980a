// The CSV export: one row per finding (shown and hidden), for a spreadsheet. UTF-8 with a byte-order
// mark so Excel reads non-ASCII names correctly, CRLF line ends and RFC 4180 quoting. A cell that a
// spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) gets a
// leading apostrophe, so a hostile name or expression stays text (OWASP "CSV injection").
import { exportedFindings, type ExportInput } from './input';
import { sourcePlaces } from './source-places';

export const CSV_COLUMNS = [
  'severity', 'rule', 'rule_name', 'category', 'message', 'target_kind', 'target_id', 'target_name',
  'sheet_id', 'sheet_name', 'path', 'expression', 'hidden', 'fingerprint', 'finding_id',
] as const;
/** added after the others for an app folder analysis (input `sources`): the file and line in the repository */
export const CSV_SOURCE_COLUMNS = ['source_file', 'source_line'] as const;

const BOM = '\uFEFF';

export function csvCell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(input: ExportInput): string {
  const placeOf = input.sources ? sourcePlaces(input.sources) : undefined;
  const rows = exportedFindings(input.result).map(({ fingerprint, hidden, finding: f }) => {
    const row: (string | number | undefined)[] = [
      f.severity, f.rule, f.name, f.category, f.message, f.target.kind, f.target.id, f.target.name,
      f.target.sheet?.id, f.target.sheet?.name, f.path, f.expression?.text, hidden ? 'yes' : 'no', fingerprint, f.id,
    ];
    const place = placeOf?.(f);
    return placeOf ? [...row, place?.path, place?.startLine] : row;
  });
  const header: readonly string[] = placeOf ? [...CSV_COLUMNS, ...CSV_SOURCE_COLUMNS] : CSV_COLUMNS;
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

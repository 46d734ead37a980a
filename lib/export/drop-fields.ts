// The DROP FIELDS export: a script snippet that drops the unused fields rule R01 found with high
// confidence, ready to paste at the end of the load script. Fields whose finding the user hid are
// left out (hiding says "keep it"); medium-confidence fields are listed as comments to check first.
// The statement itself comes from `dropFieldsStatement` (drop-fields-statement.ts), as R01's does.
import type { Finding } from '../analyze/result';
import { runSummaryOf } from '../analyze/run-summary';
import { bracketFieldName, dropFieldsStatement } from '../rules/shared/drop-fields-statement';
import { UNUSED_FIELD_SUMMARY, unusedFieldConfidenceOf } from '../rules/shared/unused-field-summary';
import { exportedAtOf, exportedFindings, type ExportInput } from './input';

/** One line of comment text: line breaks and the comment's own end marker cannot leave the comment. */
const commentText = (text: string) => text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');

/** A finding of R01 (unused-field), the rule whose summary holds the statement. */
export const isUnusedFieldFinding = (f: Finding): boolean => f.rule === UNUSED_FIELD_SUMMARY.rule;

export function renderDropFields(input: ExportInput): string {
  const { result } = input;
  const unused = exportedFindings(result).filter((e) => isUnusedFieldFinding(e.finding) && e.finding.target.kind === 'field');
  const high = unused.filter((e) => !e.hidden && unusedFieldConfidenceOf(e.finding) === 'high').map((e) => e.finding.target.id);
  const medium = unused.filter((e) => !e.hidden && unusedFieldConfidenceOf(e.finding) !== 'high').map((e) => e.finding.target.id);
  const hidden = unused.filter((e) => e.hidden).map((e) => e.finding.target.id);
  const run = result.rules.find((r) => r.rule === UNUSED_FIELD_SUMMARY.rule);
  const warning = runSummaryOf(result, UNUSED_FIELD_SUMMARY)?.warning;
  const lines = [
    `// Unused fields of "${commentText(result.app.name || result.app.id)}" (${commentText(result.app.id)}), Qlarity rule R01 unused-field`,
    `// analysed ${commentText(result.analysedAt)}, exported ${commentText(exportedAtOf(input))}`,
  ];
  if (run?.status !== 'ran') lines.push(`// Rule R01 did not run (${commentText(run?.status ?? 'not in this analysis')}${run?.reason ? `: ${commentText(run.reason)}` : ''}): nothing to drop.`);
  if (warning) lines.push(`// Warning: ${commentText(warning)}`);
  if (medium.length) lines.push(`// Check first (medium confidence, not in the statement): ${medium.map((n) => commentText(bracketFieldName(n))).join(', ')}`);
  if (hidden.length) lines.push(`// Hidden by you, left out: ${hidden.map((n) => commentText(bracketFieldName(n))).join(', ')}`);
  if (high.length) lines.push(dropFieldsStatement(high));
  else if (run?.status === 'ran') lines.push('// No field is unused with high confidence: nothing to drop.');
  return lines.join('\n') + '\n';
}

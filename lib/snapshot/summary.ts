// Counts that describe a snapshot in a few lines (CLI without rules, logs). Pure.
import type { AppSnapshot } from './schema';

export interface SnapshotSummary {
  sheets: number;
  objects: number;
  masterMeasures: number;
  masterDimensions: number;
  masterVisualizations: number;
  variables: number;
  bookmarks: number;
  stories: number;
  expressions: number;
  uniqueExpressions: number;
  engineSyntaxErrors: number;
  engineBadFieldNames: number;
  layoutErrors: number;
  tables: number;
  fields: number;
  syntheticTables: number;
  scriptReadable: boolean;
  scriptSyntaxErrors: number;
  appOpenMs?: number;
  slowestObject?: { id: string; sheetId: string; firstMs: number };
  collectionIssues: number;
}

export function summarizeSnapshot(s: AppSnapshot): SnapshotSummary {
  const slowest = [...(s.timings?.objects ?? [])].sort((a, b) => b.firstMs - a.firstMs)[0];
  return {
    sheets: s.sheets.length,
    objects: s.objects.length,
    masterMeasures: s.masterMeasures.length,
    masterDimensions: s.masterDimensions.length,
    masterVisualizations: s.masterVisualizations.length,
    variables: s.variables.length,
    bookmarks: s.bookmarks.length,
    stories: s.stories.length,
    expressions: s.expressions.length,
    uniqueExpressions: new Set(s.expressions.map((e) => e.text)).size,
    engineSyntaxErrors: s.expressions.filter((e) => e.check?.errorMsg).length,
    engineBadFieldNames: s.expressions.filter((e) => (e.check?.badFieldNames.length ?? 0) > 0).length,
    layoutErrors: s.objects.reduce((n, o) => n + o.layoutErrors.length, 0),
    tables: s.dataModel?.tables.length ?? 0,
    fields: s.dataModel?.fields.length ?? 0,
    syntheticTables: s.dataModel?.syntheticTables.length ?? 0,
    scriptReadable: s.script !== undefined,
    scriptSyntaxErrors: s.script?.syntaxErrors?.length ?? 0,
    ...(s.timings?.appOpenMs !== undefined ? { appOpenMs: s.timings.appOpenMs } : {}),
    ...(slowest ? { slowestObject: { id: slowest.objectId, sheetId: slowest.sheetId, firstMs: slowest.firstMs } } : {}),
    collectionIssues: s.collectionIssues.length,
  };
}

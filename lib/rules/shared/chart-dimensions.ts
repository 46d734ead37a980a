// The plain-field dimensions of a chart's hypercube (calculated and library dimensions resolved where possible).
import type { AnalysisIndex } from '../../analyze/analysis-index';
import { bareFieldName } from '../../analyze/parsed-expression';

interface CubeDimension {
  qLibraryId?: string;
  qDef?: { qFieldDefs?: unknown[] };
}

export function chartDimensionFields(index: AnalysisIndex, objectId: string): string[] {
  const cube = index.objects.get(objectId)?.properties.qHyperCubeDef as { qDimensions?: CubeDimension[] } | undefined;
  const fields: string[] = [];
  for (const d of cube?.qDimensions ?? []) {
    const defs = d.qLibraryId ? (index.masterDimensions.get(d.qLibraryId)?.fieldDefs ?? []) : (d.qDef?.qFieldDefs ?? []);
    const first = defs[0];
    if (typeof first !== 'string') continue;
    const text = first.trim();
    if (text.startsWith('=')) {
      const inner = bareFieldName(text.slice(1));
      if (index.hasField(inner)) fields.push(inner);
    } else fields.push(bareFieldName(text));
  }
  return fields;
}

export function chartColumnCount(index: AnalysisIndex, objectId: string): number {
  const cube = index.objects.get(objectId)?.properties.qHyperCubeDef as { qDimensions?: unknown[]; qMeasures?: unknown[] } | undefined;
  return (cube?.qDimensions?.length ?? 0) + (cube?.qMeasures?.length ?? 0);
}

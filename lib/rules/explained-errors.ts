// Objects whose calculation errors a static finding already explains (Q01, Q04–Q06, Q17):
// their layouts carry qError too, and Q11 should not report the same cause twice.
import type { AnalysisIndex } from '../analyze/analysis-index';
import { engineVerdict } from './helpers';

export function objectsWithStaticErrors(index: AnalysisIndex): Set<string> {
  const ids = new Set<string>();
  for (const e of index.expressions) {
    if (e.expression.location.owner !== 'object' || e.expression.syntax !== 'expression') continue;
    // the engine accepted it: Q01/Q17 report nothing, so they explain nothing either
    if (engineVerdict(e.expression.check) === 'accepted') continue;
    if (e.parsed.hasErrors || index.rawErrors(e.expression.text).length > 0) ids.add(e.expression.location.objectId);
  }
  const snapshot = index.snapshot;
  const exists = {
    measure: (id: string) => index.masterMeasures.has(id),
    dimension: (id: string) => index.masterDimensions.has(id),
    visualization: (id: string) => index.masterVisualizations.has(id),
  };
  for (const ref of snapshot.libraryReferences) if (!exists[ref.kind](ref.targetId)) ids.add(ref.objectId);
  for (const o of snapshot.objects) if (o.extendsId && !index.masterVisualizations.has(o.extendsId)) ids.add(o.id);
  return ids;
}

// [Names] outside any aggregation and outside set analysis can be label references (a master
// measure or another column of the chart, Qlik help "Using labels in expressions"): Q15 owns
// those when they resolve to nothing, Q02 everything else.
import type { IndexedExpression } from '../../analyze/analysis-index';
import type { FieldReference } from '../../expression/queries';

export function labelCandidates(e: IndexedExpression): FieldReference[] {
  const refs = e.parsed.references();
  if (!refs) return [];
  return refs.fields.filter(
    (f) => f.quoting === 'bracket' && f.role === 'expression' && !f.inSetModifier && !f.inElementFunction && !f.inSearch && f.aggregationDepth === 0 && f.aggrDepth === 0,
  );
}

/** `from:to` keys (in expanded-text offsets) of the label candidates of an expression */
export function labelCandidateKeys(e: IndexedExpression): Set<string> {
  return new Set(labelCandidates(e).map((f) => `${f.from}:${f.to}`));
}

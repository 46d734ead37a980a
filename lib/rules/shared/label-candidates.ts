// [Names] outside any aggregation and outside set analysis can be label references (a master
// measure or another column of the chart, Qlik help "Using labels in expressions"): Q15 owns
// those when they resolve to nothing, Q02 everything else.
import type { IndexedExpression } from '../../analyze/analysis-index';
import type { FieldUse } from '../../analyze/parsed-expression';

export function isLabelCandidate(f: FieldUse): boolean {
  return f.quoting === 'bracket' && f.role === 'expression' && !f.inSetModifier && !f.inElementFunction && !f.inSearch && f.aggregationDepth === 0 && f.aggrDepth === 0;
}

export function labelCandidates(e: IndexedExpression): FieldUse[] {
  return e.parsed.fields.filter(isLabelCandidate);
}

// `=Field` / `=[Field]` dimensions: calculated in form, a field in substance (P06/P07).
import type { IndexedExpression } from '../../analyze/analysis-index';
import { unwrap } from '../../expression/walk';

export function bareFieldOf(e: IndexedExpression): string | undefined {
  const root = e.parsed.root;
  if (!root || e.parsed.hasErrors || e.parsed.expanded !== e.expression.text) return undefined;
  const body = unwrap(root);
  return body?.kind === 'Field' ? body.name : undefined;
}

export const isBareFieldDimension = (e: IndexedExpression): boolean => bareFieldOf(e) !== undefined;

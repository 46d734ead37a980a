// The Expressions tab: every expression with where it is, its status (engine check and findings)
// and what it references (fields, variables), from the analysis' own parse.
import type { AnalysisIndex } from '../analyze/analysis-index';
import { type Finding, type Target } from '../analyze/result';
import { bySeverity } from '../analyze/severity-order';
import { type Severity } from '../analyze/severity';
import { describeLocation } from '../rules/shared/helpers';
import type { AppSnapshot, Expression } from '../snapshot/schema';

export type ExpressionStatus = 'error' | 'warning' | 'info' | 'ok' | 'unchecked';

export interface ExpressionRow {
  id: string;
  text: string;
  /** "measure 1", "title", … */
  where: string;
  owner: Target;
  kind: Expression['location']['kind'];
  status: ExpressionStatus;
  /** the engine's own syntax message, when it gave one */
  engineError?: string;
  fields: string[];
  variables: string[];
  findings: Finding[];
}

export function expressionRows(snapshot: AppSnapshot, index: AnalysisIndex, findings: readonly Finding[]): ExpressionRow[] {
  const byLocation = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.path === undefined) continue;
    const key = `${f.target.id}\u0000${f.path}`;
    const list = byLocation.get(key);
    if (list) list.push(f);
    else byLocation.set(key, [f]);
  }
  return snapshot.expressions.map((e) => {
    const own = byLocation.get(`${e.location.objectId}\u0000${e.location.path}`) ?? [];
    let fields: string[];
    let variables: string[] = [];
    try {
      const parsed = index.parse(e.text, e.syntax);
      fields = [...new Set(parsed.fields.filter((f) => !f.recovered).map((f) => f.name))];
      variables = [...new Set(parsed.variableUses.map((v) => v.name))];
    } catch {
      // a text the parser cannot handle still gets listed, with the engine's references if any
      fields = e.fieldsFromEngine ?? [];
    }
    const engineError = e.check?.errorMsg || undefined;
    return {
      id: e.id,
      text: e.text,
      where: describeLocation(e.location),
      owner: safeTarget(index, e),
      kind: e.location.kind,
      status: statusOf(e, own, engineError),
      ...(engineError ? { engineError } : {}),
      fields,
      variables,
      findings: own,
    };
  });
}

function safeTarget(index: AnalysisIndex, e: Expression): Target {
  try {
    return index.locationTarget(e.location);
  } catch {
    return { kind: 'object', id: e.location.objectId, name: e.location.objectType };
  }
}

function statusOf(e: Expression, findings: readonly Finding[], engineError: string | undefined): ExpressionStatus {
  if (engineError) return 'error';
  const worst = findings.reduce<Severity | undefined>(
    (w, f) => (w === undefined || bySeverity(f.severity, w) < 0 ? f.severity : w),
    undefined,
  );
  if (worst) return worst;
  return e.check || e.syntax === 'field' ? 'ok' : 'unchecked';
}

export const STATUS_LABEL: Record<ExpressionStatus, string> = { error: 'Error', warning: 'Warning', info: 'Info', ok: 'OK', unchecked: 'Not checked by the engine' };

const STATUS_ORDER: readonly ExpressionStatus[] = ['error', 'warning', 'info', 'unchecked', 'ok'];

/** Problems first (engine errors and error findings, then warnings, suggestions, unchecked, fine); stable within a status. */
export function problemsFirst(rows: readonly ExpressionRow[]): ExpressionRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => STATUS_ORDER.indexOf(a.row.status) - STATUS_ORDER.indexOf(b.row.status) || a.index - b.index)
    .map(({ row }) => row);
}

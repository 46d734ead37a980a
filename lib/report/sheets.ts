// The Sheets tab: per sheet its objects with type, first/cached calculation time and findings.
import type { Finding } from '../analyze/result';
import { targetKey } from '../analyze/suppression';
import type { Severity } from '../analyze/severity';
import type { AppSnapshot, ObjectTiming } from '../snapshot/schema';

export interface ObjectRow {
  id: string;
  type: string;
  title: string;
  timing?: ObjectTiming;
  findings: Finding[];
  /** nesting depth under the sheet: 0 for its direct children, 1 inside a container … */
  depth: number;
}

export interface SheetRow {
  id: string;
  title: string;
  published: boolean;
  objects: ObjectRow[];
  /** sum of the objects' first calculation times (ms), when timings were collected */
  totalMs?: number;
  /** findings about the sheet itself */
  findings: Finding[];
  findingCounts: Record<Severity, number>;
}

export function sheetRows(snapshot: AppSnapshot, findings: readonly Finding[]): SheetRow[] {
  const byTarget = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = targetKey(f.target);
    const list = byTarget.get(key);
    if (list) list.push(f);
    else byTarget.set(key, [f]);
  }
  const timings = new Map((snapshot.timings?.objects ?? []).map((t) => [t.objectId, t]));
  const objects = new Map(snapshot.objects.map((o) => [o.id, o]));
  return snapshot.sheets.map((sheet) => {
    const rows: ObjectRow[] = [];
    const seen = new Set<string>();
    const visit = (id: string, depth: number) => {
      if (seen.has(id)) return; // guards a malformed tree that points back at itself
      seen.add(id);
      const object = objects.get(id);
      if (!object) return;
      const timing = timings.get(id);
      rows.push({ id, type: object.type, title: object.title || '', ...(timing ? { timing } : {}), findings: byTarget.get(`object:${id}`) ?? [], depth });
      for (const child of object.childIds) visit(child, depth + 1);
    };
    for (const id of sheet.childIds) visit(id, 0);
    // objects that name this sheet but hang off no child list still belong to it
    for (const o of snapshot.objects) if (o.sheetId === sheet.id && !seen.has(o.id)) visit(o.id, 0);
    const timed = rows.filter((r) => r.timing);
    const sheetFindings = byTarget.get(`sheet:${sheet.id}`) ?? [];
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of [...sheetFindings, ...rows.flatMap((r) => r.findings)]) counts[f.severity]++;
    return {
      id: sheet.id,
      title: sheet.title,
      published: sheet.published,
      objects: rows,
      ...(timed.length ? { totalMs: timed.reduce((sum, r) => sum + (r.timing?.firstMs ?? 0), 0) } : {}),
      findings: sheetFindings,
      findingCounts: counts,
    };
  });
}

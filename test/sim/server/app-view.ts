// Read-only views of an app's sheets for the client pages. SimApp.model belongs to the app
// loader (test/sim/app/app-model.ts `AppModel`); this reads it defensively so a model without
// objects (or a test's stand-in) gives no sheets rather than a crash.
import type { SimApp, SimUser } from '../types';

export interface SheetCell {
  objectId: string;
  type: string;
  title: string;
  col: number;
  row: number;
  colspan: number;
  rowspan: number;
}

export interface SheetView {
  id: string;
  title: string;
  description: string;
  columns: number;
  rows: number;
  cells: SheetCell[];
}

interface StoredLike {
  id: string;
  type: string;
  properties: Record<string, unknown>;
}

/** sim.json `sheets` meta kept by the loader (`AppModel.objectMeta`): published / owner per object */
function objectMetaOf(app: SimApp): Map<string, Record<string, unknown>> {
  const model = app.model as { objectMeta?: unknown } | null | undefined;
  return model && model.objectMeta instanceof Map ? (model.objectMeta as Map<string, Record<string, unknown>>) : new Map();
}

function objectsOf(app: SimApp): Map<string, StoredLike> {
  const model = app.model as { objects?: unknown } | null | undefined;
  return model && model.objects instanceof Map ? (model.objects as Map<string, StoredLike>) : new Map();
}

const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const int = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : fallback);

/** a title that may be a plain string or `{qStringExpression: …}` (shown as the expression text) */
function titleText(value: unknown): string {
  if (typeof value === 'string') return value;
  const expr = record(value).qStringExpression;
  const text = typeof expr === 'string' ? expr : record(expr).qExpr;
  return typeof text === 'string' ? text : '';
}

function objectTitle(stored: StoredLike | undefined): string {
  if (!stored) return '';
  return titleText(stored.properties.title) || titleText(record(stored.properties.qMetaDef).title);
}

function sheetView(objects: Map<string, StoredLike>, sheet: StoredLike): SheetView {
  const props = sheet.properties;
  const cells = (Array.isArray(props.cells) ? props.cells : []).map(record).map((cell) => {
    const objectId = typeof cell.name === 'string' ? cell.name : '';
    const stored = objects.get(objectId);
    return {
      objectId,
      type: typeof cell.type === 'string' ? cell.type : (stored?.type ?? ''),
      title: objectTitle(stored),
      col: int(cell.col, 0),
      row: int(cell.row, 0),
      colspan: Math.max(1, int(cell.colspan, 1)),
      rowspan: Math.max(1, int(cell.rowspan, 1)),
    };
  });
  const meta = record(props.qMetaDef);
  return {
    id: sheet.id,
    title: titleText(meta.title) || titleText(props.title) || sheet.id,
    description: typeof meta.description === 'string' ? meta.description : '',
    columns: Math.max(1, int(props.columns, 24)),
    rows: Math.max(1, int(props.rows, 12)),
    cells: cells.filter((c) => c.objectId),
  };
}

/**
 * The app's sheets in their `rank` order. With a user, another user's unpublished (private)
 * sheets are left out, as the Sense client does [I: Qlik Cloud "private sheets" are visible to
 * their owner only].
 */
export function sheetsOf(app: SimApp, user?: SimUser): SheetView[] {
  const objects = objectsOf(app);
  const meta = objectMetaOf(app);
  const visible = (id: string) => {
    const own = meta.get(id);
    if (!user || !own || own.published !== false) return true;
    return own.owner === user.role || own.owner === user.id;
  };
  const sheets = [...objects.values()].filter((o) => o.type === 'sheet' && visible(o.id));
  sheets.sort((a, b) => int(a.properties.rank, 0) - int(b.properties.rank, 0));
  return sheets.map((s) => sheetView(objects, s));
}

/** the stored object's type and title, for a `/single/?obj=` page */
export function objectSummary(app: SimApp, objectId: string): { type: string; title: string } | undefined {
  const stored = objectsOf(app).get(objectId);
  return stored ? { type: stored.type, title: objectTitle(stored) } : undefined;
}

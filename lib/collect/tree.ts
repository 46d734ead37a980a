// Flattens a GetFullPropertyTree entry (sheet, master visualization, story) into one record per
// object, keeping parent/child links. Pure.
import type { VisObject } from '../snapshot/schema';
import type { PropertyEntry } from './engine-schemas';

export interface TreeContext {
  /** the sheet the tree belongs to (absent for master visualizations) */
  sheetId?: string;
  inMasterVisualization: boolean;
}

/** Objects under a sheet (root excluded), or a master visualization tree (root included). */
export function flattenTree(root: PropertyEntry, context: TreeContext, includeRoot: boolean): Omit<VisObject, 'layoutErrors'>[] {
  const out: Omit<VisObject, 'layoutErrors'>[] = [];
  const rootId = root.qProperty.qInfo.qId;
  const visit = (entry: PropertyEntry, parentId: string | undefined): void => {
    const props = entry.qProperty;
    const children = entry.qChildren ?? [];
    const title = titleOf(props.title);
    out.push({
      id: props.qInfo.qId,
      type: props.qInfo.qType,
      ...(typeof props.visualization === 'string' ? { visualization: props.visualization } : {}),
      ...(title ? { title: title.text, titleIsExpression: title.isExpression } : {}),
      ...(context.sheetId !== undefined ? { sheetId: context.sheetId } : {}),
      ...(parentId !== undefined ? { parentId } : {}),
      rootId,
      inMasterVisualization: context.inMasterVisualization,
      ...(typeof props.qExtendsId === 'string' && props.qExtendsId ? { extendsId: props.qExtendsId } : {}),
      ...(typeof props.qStateName === 'string' && props.qStateName ? { stateName: props.qStateName } : {}),
      childIds: children.map((c) => c.qProperty.qInfo.qId),
      // the entry's own properties (its children are a sibling key, qChildren) as parsed, not copied
      properties: entry.qProperty,
    });
    for (const child of children) visit(child, props.qInfo.qId);
  };
  if (includeRoot) visit(root, undefined);
  else for (const child of root.qChildren ?? []) visit(child, rootId);
  return out;
}

/** `title` is a literal string, or `{qStringExpression: {qExpr}}` / `{qStringExpression: "…"}`. */
export function titleOf(title: unknown): { text: string; isExpression: boolean } | undefined {
  if (typeof title === 'string') return title.trim() ? { text: title, isExpression: title.trimStart().startsWith('=') } : undefined;
  if (title && typeof title === 'object') {
    const se = (title as { qStringExpression?: unknown }).qStringExpression;
    const text = typeof se === 'string' ? se : se && typeof se === 'object' ? (se as { qExpr?: unknown }).qExpr : undefined;
    if (typeof text === 'string' && text.trim()) return { text, isExpression: true };
  }
  return undefined;
}

/** URL of a `{qStaticContentUrlDef: {qUrl}}` / `{qStaticContentUrl: {qUrl}}` / `{qUrl}` thumbnail. */
export function thumbnailUrl(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return typeof value === 'string' && value ? value : undefined;
  const v = value as Record<string, unknown>;
  for (const key of ['qStaticContentUrlDef', 'qStaticContentUrl']) {
    const inner = v[key];
    if (inner && typeof inner === 'object') {
      const url = (inner as { qUrl?: unknown }).qUrl;
      if (typeof url === 'string' && url) return url;
    }
  }
  return typeof v.qUrl === 'string' && v.qUrl ? v.qUrl : undefined;
}

// The Data model tab: one row per table and per field, and the key graph of the tables laid out
// by dagre (a layered graph layout library), deterministically: the same model looks the same.
import dagre from '@dagrejs/dagre';
import { compareText } from '../analyze/finding-order';
import type { UsageIndex, UseSite } from '../analyze/usage-index';
import type { DataModel, TableField } from '../snapshot/schema';

export type KeyType = TableField['keyType'];

export interface TableRow {
  name: string;
  rows: number;
  fieldCount: number;
  keyFieldCount: number;
  bytes?: number;
  isSynthetic: boolean;
  isLoose: boolean;
}

export interface FieldRow {
  name: string;
  tables: string[];
  /** the most rows the field has in one of its tables */
  rows: number;
  distinct: number;
  bytes?: number;
  keyType: KeyType;
  /** undefined when usage could not be worked out */
  used?: boolean;
  uses: readonly UseSite[];
  isSystem: boolean;
  isHidden: boolean;
}

const KEY_RANK: Record<KeyType, number> = { NOT_KEY: 0, ANY_KEY: 1, PRIMARY_KEY: 2, PERFECT_KEY: 3 };

export function tableRows(model: DataModel): TableRow[] {
  return model.tables.map((t) => ({
    name: t.name,
    rows: t.rows,
    fieldCount: t.fields.length,
    keyFieldCount: t.keyFieldCount,
    ...(t.byteSize !== undefined ? { bytes: t.byteSize } : {}),
    isSynthetic: t.isSynthetic,
    isLoose: t.isLoose,
  }));
}

export function fieldRows(model: DataModel, usage: UsageIndex | undefined): FieldRow[] {
  const inTables = new Map<string, TableField[]>();
  for (const table of model.tables) for (const f of table.fields) inTables.set(f.name, [...(inTables.get(f.name) ?? []), f]);
  return model.fields.map((field) => {
    const occurrences = inTables.get(field.name) ?? [];
    const keyType = occurrences.reduce<KeyType>((best, f) => (KEY_RANK[f.keyType] > KEY_RANK[best] ? f.keyType : best), field.isKey ? 'ANY_KEY' : 'NOT_KEY');
    return {
      name: field.name,
      tables: field.tables,
      rows: occurrences.reduce((max, f) => Math.max(max, f.rows), field.totalCount ?? 0),
      distinct: field.cardinal,
      ...(field.byteSize !== undefined ? { bytes: field.byteSize } : {}),
      keyType,
      ...(usage ? { used: usage.isFieldUsed(field.name) } : {}),
      uses: usage?.fieldUses.get(field.name) ?? [],
      isSystem: field.isSystem,
      isHidden: field.isHidden,
    };
  });
}

export const KEY_TYPE_LABEL: Record<KeyType, string> = { NOT_KEY: '', ANY_KEY: 'key', PRIMARY_KEY: 'primary key', PERFECT_KEY: 'perfect key' };

export interface GraphNode {
  name: string;
  /** centre of the box */
  x: number;
  y: number;
  /** the box's own width: sized to its label */
  width: number;
  isSynthetic: boolean;
  /** shown in the box; the full name goes into the accessible list and the tooltip */
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  fields: string[];
  /** the routed line, from box edge to box edge */
  points: { x: number; y: number }[];
}

export interface KeyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  nodeHeight: number;
}

const NODE_HEIGHT = 28;
const LABEL_CHARS = 28;
/** average width of a character of the 11 px label font, and the box's padding */
const CHAR_WIDTH = 6.6;
const NODE_PADDING = 16;
const MARGIN = 12;

/** Short label for the box: whole grapheme-safe code points, with an ellipsis when cut. */
export function shortLabel(name: string, max = LABEL_CHARS): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Each pair of tables sharing key fields, with those fields (names sorted). */
function keyLinks(model: DataModel): Map<string, { from: string; to: string; fields: string[] }> {
  const names = new Set(model.tables.map((t) => t.name));
  const tablesOfField = new Map<string, string[]>();
  for (const table of model.tables) for (const f of table.fields) if (f.keyType !== 'NOT_KEY') tablesOfField.set(f.name, [...(tablesOfField.get(f.name) ?? []), table.name]);
  for (const group of model.keys) for (const field of group.fields) if (!tablesOfField.has(field)) tablesOfField.set(field, group.tables);
  const pairs = new Map<string, { from: string; to: string; fields: string[] }>();
  for (const [field, tables] of [...tablesOfField].sort(([a], [b]) => compareText(a, b))) {
    const unique = [...new Set(tables)].filter((t) => names.has(t)).sort();
    for (let i = 0; i < unique.length; i++) {
      for (let j = i + 1; j < unique.length; j++) {
        const key = `${unique[i]}\u0000${unique[j]}`;
        const pair = pairs.get(key);
        if (pair) pair.fields.push(field);
        else pairs.set(key, { from: unique[i], to: unique[j], fields: [field] });
      }
    }
  }
  return pairs;
}

/**
 * Tables as boxes sized to their labels and the keys between them, laid out by dagre (layered,
 * top to bottom, so a narrow panel scrolls down rather than sideways): no two boxes overlap.
 * Deterministic: tables and links are added in name order.
 */
export function keyGraph(model: DataModel): KeyGraph {
  const tables = [...model.tables].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (tables.length === 0) return { nodes: [], edges: [], width: 0, height: 0, nodeHeight: NODE_HEIGHT };
  const graph = new dagre.graphlib.Graph<object, { width: number; height: number; x?: number; y?: number }, { points?: { x: number; y: number }[] }>({ multigraph: false });
  graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 48, marginx: MARGIN, marginy: MARGIN });
  graph.setDefaultEdgeLabel(() => ({}));
  const labels = new Map<string, string>();
  for (const t of tables) {
    const label = shortLabel(t.name);
    labels.set(t.name, label);
    graph.setNode(t.name, { width: Math.round([...label].length * CHAR_WIDTH + NODE_PADDING), height: NODE_HEIGHT });
  }
  const links = [...keyLinks(model).values()];
  for (const link of links) graph.setEdge(link.from, link.to);
  dagre.layout(graph);
  const synthetic = new Set(tables.filter((t) => t.isSynthetic).map((t) => t.name));
  const nodes: GraphNode[] = tables.map((t) => {
    const n = graph.node(t.name);
    return { name: t.name, x: round(n.x ?? 0), y: round(n.y ?? 0), width: n.width, isSynthetic: synthetic.has(t.name), label: labels.get(t.name) ?? t.name };
  });
  const edges: GraphEdge[] = links.map((link) => ({
    ...link,
    points: (graph.edge(link.from, link.to)?.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
  }));
  const size = graph.graph() as { width?: number; height?: number };
  return { nodes, edges, width: round(size.width ?? 0), height: round(size.height ?? 0), nodeHeight: NODE_HEIGHT };
}

const round = (n: number) => Math.round(n * 10) / 10;

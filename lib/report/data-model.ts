// The Data model tab: one row per table and per field, and the key graph of the tables laid out
// deterministically (tables on a circle in name order, so the same model always looks the same).
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
  x: number;
  y: number;
  isSynthetic: boolean;
  /** shown in the box; the full name goes into the accessible list and the tooltip */
  label: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  fields: string[];
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface KeyGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  width: number;
  height: number;
  nodeWidth: number;
  nodeHeight: number;
}

const NODE_WIDTH = 120;
const NODE_HEIGHT = 28;
const LABEL_CHARS = 16;

/** Short label for the box: whole grapheme-safe code points, with an ellipsis when cut. */
export function shortLabel(name: string, max = LABEL_CHARS): string {
  const chars = [...name];
  return chars.length <= max ? name : `${chars.slice(0, max - 1).join('')}…`;
}

/** Tables on a circle in name order; one edge per pair of tables sharing key fields. */
export function keyGraph(model: DataModel): KeyGraph {
  const names = model.tables.map((t) => t.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const synthetic = new Set(model.tables.filter((t) => t.isSynthetic).map((t) => t.name));
  const count = names.length;
  // radius grows with the number of tables so boxes do not overlap (their width along the circle)
  const radius = count <= 1 ? 0 : Math.max(90, (count * (NODE_WIDTH * 0.6)) / (2 * Math.PI));
  const width = 2 * radius + NODE_WIDTH + 20;
  const height = 2 * radius + NODE_HEIGHT + 20;
  const cx = width / 2;
  const cy = height / 2;
  const nodes: GraphNode[] = names.map((name, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / Math.max(1, count);
    return { name, x: round(cx + radius * Math.cos(angle)), y: round(cy + radius * Math.sin(angle)), isSynthetic: synthetic.has(name), label: shortLabel(name) };
  });
  const position = new Map(nodes.map((n) => [n.name, n]));
  const pairs = new Map<string, GraphEdge>();
  const tablesOfField = new Map<string, string[]>();
  for (const table of model.tables) for (const f of table.fields) if (f.keyType !== 'NOT_KEY') tablesOfField.set(f.name, [...(tablesOfField.get(f.name) ?? []), table.name]);
  for (const group of model.keys) for (const field of group.fields) if (!tablesOfField.has(field)) tablesOfField.set(field, group.tables);
  for (const [field, tables] of tablesOfField) {
    const unique = [...new Set(tables)].sort();
    for (let i = 0; i < unique.length; i++) {
      for (let j = i + 1; j < unique.length; j++) {
        const a = position.get(unique[i]);
        const b = position.get(unique[j]);
        if (!a || !b) continue;
        const key = `${a.name}\u0000${b.name}`;
        const edge = pairs.get(key);
        if (edge) edge.fields.push(field);
        else pairs.set(key, { from: a.name, to: b.name, fields: [field], x1: a.x, y1: a.y, x2: b.x, y2: b.y });
      }
    }
  }
  return { nodes, edges: [...pairs.values()], width: round(width), height: round(height), nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT };
}

const round = (n: number) => Math.round(n * 10) / 10;

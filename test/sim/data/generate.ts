// Deterministic generated data consistent with the data model. Values are a function of
// (field, index): a field's symbol table is shared by every table holding it, so key fields
// link tables exactly like Qlik's associative model. Nothing is materialised beyond a
// bounded sample: a 50-million-row table costs no more than a 50-row one.
import type { DataModel, FieldInTableData, ModelField } from './data-model';

/** Rows of a table that are ever generated (GetTableData pages beyond it repeat the pattern). */
export const SAMPLE_ROWS = 5_000;

/** 32-bit FNV-1a, the seed of everything generated here. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small seeded PRNG, one number per (seed, index). */
export function seeded(seed: number, index: number): number {
  let t = (seed + Math.imul(index, 0x6d2b79f5)) >>> 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export interface CellValue {
  qText: string;
  qNum: number | 'NaN';
  qIsNumeric: boolean;
}

const DAY_MS = 86_400_000;
const EPOCH_2018 = Date.UTC(2018, 0, 1);
/** Qlik serial dates count days from 1899-12-30. */
const toSerial = (ms: number) => ms / DAY_MS + 25569;

/** The `index`-th distinct value of a field (0 ≤ index < cardinal). */
export function fieldValue(field: ModelField, index: number): CellValue {
  const tags = field.tags;
  // Qlik tags a date field `$date` and `$timestamp`; a timestamp field only `$timestamp`
  if (tags.includes('$date')) {
    const ms = EPOCH_2018 + index * DAY_MS;
    return { qText: new Date(ms).toISOString().slice(0, 10), qNum: toSerial(ms), qIsNumeric: true };
  }
  if (tags.includes('$timestamp')) {
    const ms = EPOCH_2018 + index * 3_600_000;
    return { qText: new Date(ms).toISOString().replace('T', ' ').slice(0, 19), qNum: toSerial(ms), qIsNumeric: true };
  }
  if (tags.includes('$integer') || (field.isKey && tags.includes('$numeric'))) {
    const n = field.isKey ? index + 1 : Math.round(seeded(hashSeed(field.name), index) * 10 * Math.max(10, field.cardinal));
    return { qText: String(n), qNum: n, qIsNumeric: true };
  }
  if (tags.includes('$numeric')) {
    const n = Math.round(seeded(hashSeed(field.name), index) * 100_000) / 100;
    return { qText: n.toFixed(2), qNum: n, qIsNumeric: true };
  }
  return { qText: `${field.name} ${index + 1}`, qNum: 'NaN', qIsNumeric: false };
}

/** The value index a row of a table points at for a field, or -1 for null. */
const recordIndex = new WeakMap<DataModel, Map<string, FieldInTableData>>();

function fieldRecord(model: DataModel, tableName: string, fieldName: string): FieldInTableData | undefined {
  let index = recordIndex.get(model);
  if (!index) {
    index = new Map();
    for (const t of model.tablesAndKeys.qtr) for (const f of t.qFields) index.set(`${t.qName}\u0000${f.qName}`, f);
    recordIndex.set(model, index);
  }
  return index.get(`${tableName}\u0000${fieldName}`);
}

export function rowValueIndex(model: DataModel, tableName: string, field: ModelField, row: number): number {
  const table = model.tableByName.get(tableName);
  const record = fieldRecord(model, tableName, field.name);
  const rows = table?.rows ?? 1;
  const seed = hashSeed(`${tableName}\u0000${field.name}`);
  const nonNulls = record?.qnNonNulls ?? rows;
  if (nonNulls < rows && seeded(seed ^ 0x5bd1e995, row) >= nonNulls / rows) return -1;
  const present = Math.max(1, record?.qnPresentDistinctValues ?? field.cardinal);
  // the first `present` rows cover every present value once, like a key table would
  return row < present ? row : Math.floor(seeded(seed, row) * present);
}

/** Generated rows of a table (`GetTableData`), bounded by SAMPLE_ROWS. */
export function tableRows(model: DataModel, tableName: string, offset: number, count: number): CellValue[][] {
  const table = model.tableByName.get(tableName);
  if (!table) return [];
  const end = Math.min(table.rows, offset + count, offset + SAMPLE_ROWS);
  const fields = table.fieldNames.map((n) => model.fieldByName.get(n));
  const rows: CellValue[][] = [];
  for (let row = Math.max(0, offset); row < end; row++) {
    rows.push(
      fields.map((f) => {
        if (!f) return { qText: '', qNum: 'NaN', qIsNumeric: false };
        const index = rowValueIndex(model, tableName, f, row);
        return index < 0 ? { qText: '-', qNum: 'NaN', qIsNumeric: false } : fieldValue(f, index);
      }),
    );
  }
  return rows;
}

/** Rows of the table holding most of a field (its largest source table). */
export function fieldRows(model: DataModel, field: ModelField): number {
  return Math.max(0, ...field.srcTables.map((t) => model.tableByName.get(t)?.rows ?? 0), field.cardinal);
}

/**
 * A plausible aggregate of a numeric field over the whole model: the mean of a bounded
 * sample of its values, scaled to the table's row count.
 */
export function aggregate(model: DataModel, fn: string, field: ModelField | undefined, distinct: boolean): number {
  if (!field) return fn === 'COUNT' ? 0 : NaN;
  const rows = fieldRows(model, field);
  if (fn === 'COUNT') return distinct ? field.cardinal : Math.max(field.cardinal, rows);
  const sampleSize = Math.min(field.cardinal, 500);
  if (sampleSize === 0) return NaN;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < sampleSize; i++) {
    const v = fieldValue(field, Math.floor((i * field.cardinal) / sampleSize));
    const n = typeof v.qNum === 'number' ? v.qNum : 0;
    sum += n;
    min = Math.min(min, n);
    max = Math.max(max, n);
  }
  const mean = sum / sampleSize;
  switch (fn) {
    case 'SUM':
      return Math.round(mean * (distinct ? field.cardinal : rows) * 100) / 100;
    case 'AVG':
      return Math.round(mean * 100) / 100;
    case 'MIN':
      return min;
    case 'MAX':
      return max;
    default:
      return Math.round(mean * 100) / 100;
  }
}

// The app's data model as the simulated engine knows it: tables, fields, key groups.
// Built from a real `GetTablesAndKeys` result (`tables-and-keys.json`), from a Gitoqlik
// `fields.json` (a `qFieldListDef` layout), or empty. Everything else (field lists,
// FieldDescription, REST `/data/metadata`, generated data) is derived from this.

export interface FieldInTableData {
  qName: string;
  qOriginalFields?: string[];
  qPresent?: boolean;
  qHasNull?: boolean;
  qHasDuplicates?: boolean;
  qInformationDensity?: number;
  qnNonNulls?: number;
  qnRows?: number;
  qSubsetRatio?: number;
  qnTotalDistinctValues?: number;
  qnPresentDistinctValues?: number;
  qKeyType?: 'NOT_KEY' | 'ANY_KEY' | 'PRIMARY_KEY' | 'PERFECT_KEY';
  qComment?: string;
  qTags?: string[];
  qIsSynthetic?: boolean;
  qDerivedFields?: unknown[];
  [key: string]: unknown;
}

export interface TableRecord {
  qName: string;
  qNoOfRows: number;
  qFields: FieldInTableData[];
  qLoose?: boolean;
  qIsSynthetic?: boolean;
  qComment?: string;
  qTableTags?: string[];
  qPos?: { qx: number; qy: number };
  [key: string]: unknown;
}

export interface SourceKeyRecord {
  qKeyFields: string[];
  qTables: string[];
}

export interface TablesAndKeys {
  qtr: TableRecord[];
  qk: SourceKeyRecord[];
}

/** One item of a `qFieldList` (Gitoqlik `fields.json`). */
export interface FieldListItem {
  qName: string;
  qCardinal?: number;
  qTags?: string[];
  qSrcTables?: string[];
  qIsHidden?: boolean;
  qIsSystem?: boolean;
  qIsSemantic?: boolean;
  qTotalCount?: number;
  qComment?: string;
}

export interface ModelField {
  name: string;
  /** position in the engine's field list (qInternalNumber) */
  index: number;
  srcTables: string[];
  cardinal: number;
  totalCount: number;
  tags: string[];
  isSystem: boolean;
  isHidden: boolean;
  isSemantic: boolean;
  isNumeric: boolean;
  isKey: boolean;
  hasNull: boolean;
  comment: string;
  byteSize: number;
}

export interface ModelTable {
  name: string;
  rows: number;
  fieldNames: string[];
  keyFieldNames: string[];
  isLoose: boolean;
  isSynthetic: boolean;
  isSystem: boolean;
  comment: string;
  byteSize: number;
}

export interface DataModel {
  source: 'tables-and-keys' | 'fields.json' | 'empty';
  tablesAndKeys: TablesAndKeys;
  /** user fields first, then the system fields ($Field, $Table, …) */
  fields: ModelField[];
  fieldByName: Map<string, ModelField>;
  tables: ModelTable[];
  tableByName: Map<string, ModelTable>;
}

const AVERAGE_TEXT_BYTES = 14;

/** Symbol-table bytes of a field: numbers take 8 bytes, texts their length plus overhead (estimate). */
function symbolBytes(cardinal: number, isNumeric: boolean): number {
  return Math.round(cardinal * (isNumeric ? 8 : AVERAGE_TEXT_BYTES + 4));
}

/** Bits per row pointer into a symbol table of this cardinality (bit-stuffed, as in Qlik's data model). */
export function pointerBits(cardinal: number): number {
  return Math.max(1, Math.ceil(Math.log2(cardinal + 1)));
}

function isNumericTags(tags: string[]): boolean {
  return tags.includes('$numeric') || tags.includes('$integer') || tags.includes('$date') || tags.includes('$timestamp');
}

function systemFields(tables: ModelTable[], userFieldCount: number, startIndex: number): ModelField[] {
  const textTags = ['$key', '$hidden', '$system', '$ascii', '$text'];
  const numTags = ['$hidden', '$system', '$numeric', '$integer'];
  const distinct = (values: number[]) => new Set(values).size;
  const specs: [string, number, string[]][] = [
    ['$Field', userFieldCount, textTags],
    ['$Table', tables.length, textTags],
    ['$Rows', distinct(tables.map((t) => t.rows)), numTags],
    ['$Fields', distinct(tables.map((t) => t.fieldNames.length)), numTags],
    ['$FieldNo', Math.max(0, ...tables.map((t) => t.fieldNames.length)), numTags],
    ['$Info', 0, textTags],
  ];
  return specs.map(([name, cardinal, tags], i) => ({
    name,
    index: startIndex + i,
    srcTables: [],
    cardinal,
    totalCount: cardinal,
    tags,
    isSystem: true,
    isHidden: true,
    isSemantic: false,
    isNumeric: tags.includes('$numeric'),
    isKey: tags.includes('$key'),
    hasNull: false,
    comment: '',
    byteSize: symbolBytes(cardinal, tags.includes('$numeric')),
  }));
}

function indexModel(source: DataModel['source'], tablesAndKeys: TablesAndKeys, userFields: ModelField[], tables: ModelTable[]): DataModel {
  const fields = [...userFields, ...systemFields(tables, userFields.length, userFields.length)];
  return {
    source,
    tablesAndKeys,
    fields,
    fieldByName: new Map(fields.map((f) => [f.name, f])),
    tables,
    tableByName: new Map(tables.map((t) => [t.name, t])),
  };
}

export function dataModelFromTablesAndKeys(tablesAndKeys: TablesAndKeys): DataModel {
  const byName = new Map<string, ModelField>();
  const tables: ModelTable[] = [];
  for (const table of tablesAndKeys.qtr) {
    const keyFieldNames: string[] = [];
    let tableBits = 0;
    for (const f of table.qFields) {
      const tags = f.qTags ?? [];
      const cardinal = f.qnTotalDistinctValues ?? f.qnPresentDistinctValues ?? 0;
      const isKey = (f.qKeyType ?? 'NOT_KEY') !== 'NOT_KEY' || tags.includes('$key');
      if (isKey) keyFieldNames.push(f.qName);
      tableBits += pointerBits(cardinal);
      const existing = byName.get(f.qName);
      const rows = f.qnRows ?? table.qNoOfRows;
      if (existing) {
        existing.srcTables.push(table.qName);
        existing.totalCount += rows;
        existing.cardinal = Math.max(existing.cardinal, cardinal);
        existing.hasNull ||= Boolean(f.qHasNull);
        existing.isKey ||= isKey;
        continue;
      }
      const isNumeric = isNumericTags(tags);
      byName.set(f.qName, {
        name: f.qName,
        index: byName.size,
        srcTables: [table.qName],
        cardinal,
        totalCount: rows,
        tags: [...tags],
        isSystem: tags.includes('$system'),
        isHidden: tags.includes('$hidden'),
        isSemantic: false,
        isNumeric,
        isKey,
        hasNull: Boolean(f.qHasNull),
        comment: f.qComment ?? '',
        byteSize: symbolBytes(cardinal, isNumeric),
      });
    }
    tables.push({
      name: table.qName,
      rows: table.qNoOfRows,
      fieldNames: table.qFields.map((f) => f.qName),
      keyFieldNames,
      isLoose: Boolean(table.qLoose),
      isSynthetic: Boolean(table.qIsSynthetic),
      isSystem: false,
      comment: table.qComment ?? '',
      byteSize: Math.ceil((table.qNoOfRows * tableBits) / 8),
    });
  }
  return indexModel('tables-and-keys', tablesAndKeys, [...byName.values()], tables);
}

/**
 * A `qFieldList` knows fields and their source tables but not row counts: tables get as
 * many rows as their largest field's cardinality (the smallest table that can hold them).
 */
export function dataModelFromFieldList(items: FieldListItem[]): DataModel {
  const userItems = items.filter((i) => !i.qIsSystem);
  const tableNames = [...new Set(userItems.flatMap((i) => i.qSrcTables ?? []))];
  const fieldsPerTable = new Map<string, FieldListItem[]>(tableNames.map((t) => [t, []]));
  for (const item of userItems) for (const t of item.qSrcTables ?? []) fieldsPerTable.get(t)?.push(item);
  const qtr: TableRecord[] = tableNames.map((name) => {
    const fields = fieldsPerTable.get(name) ?? [];
    const rows = Math.max(1, ...fields.map((f) => f.qCardinal ?? 1));
    return {
      qName: name,
      qNoOfRows: rows,
      qPos: { qx: 0, qy: 0 },
      qFields: fields.map((f) => {
        const cardinal = f.qCardinal ?? 0;
        const shared = (f.qSrcTables ?? []).length > 1;
        const keyType = shared ? (cardinal === rows ? 'PERFECT_KEY' : 'ANY_KEY') : 'NOT_KEY';
        return {
          qName: f.qName,
          qOriginalFields: [],
          qPresent: true,
          ...(cardinal < rows ? { qHasDuplicates: true } : {}),
          qInformationDensity: 1,
          qnNonNulls: rows,
          qnRows: rows,
          qSubsetRatio: 1,
          qnTotalDistinctValues: cardinal,
          qnPresentDistinctValues: cardinal,
          qKeyType: keyType,
          qTags: shared && !(f.qTags ?? []).includes('$key') ? ['$key', ...(f.qTags ?? [])] : (f.qTags ?? []),
          qDerivedFields: [],
        } satisfies FieldInTableData;
      }),
    };
  });
  const keyGroups = new Map<string, SourceKeyRecord>();
  for (const item of userItems) {
    if ((item.qSrcTables ?? []).length > 1) keyGroups.set(item.qName, { qKeyFields: [item.qName], qTables: [...(item.qSrcTables ?? [])] });
  }
  const model = dataModelFromTablesAndKeys({ qtr, qk: [...keyGroups.values()] });
  // fields that live in no table (the list said so) are kept, with their own cardinality
  for (const item of userItems) {
    const field = model.fieldByName.get(item.qName);
    if (field) {
      field.isHidden ||= Boolean(item.qIsHidden);
      field.isSemantic ||= Boolean(item.qIsSemantic);
      field.comment = item.qComment ?? field.comment;
    }
  }
  return { ...model, source: 'fields.json' };
}

export function emptyDataModel(): DataModel {
  return indexModel('empty', { qtr: [], qk: [] }, [], []);
}
